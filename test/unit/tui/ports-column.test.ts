import { expect, it } from 'vitest';
import { containersPane, portsText } from '../../../src/tui/panes/pane-configs.js';
import type { ContainerSummary } from '../../../src/engine/types.js';

const web = {
  Id: 'a'.repeat(64), Names: ['/web'], Image: 'busybox', ImageID: 'sha256:x', Command: 'httpd', Created: 0,
  Ports: [{ IP: '0.0.0.0', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' }, { PrivatePort: 53, Type: 'udp' }],
  Labels: {}, State: 'running', Status: 'Up 2 seconds', HostConfig: { NetworkMode: 'bridge' }, NetworkSettings: { Networks: {} }, Mounts: [],
} as ContainerSummary;

it('the Containers pane shows published and exposed ports as docker ps does, shortened', () => {
  expect(portsText(web)).toBe('8080->80/tcp, 53/udp');
  const col = containersPane.columns.find((c) => c.header === 'PORTS');
  expect(col?.text(web, Date.now())).toBe('8080->80/tcp, 53/udp');
});
