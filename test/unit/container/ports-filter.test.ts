import { expect, it } from 'vitest';
import { filterPorts } from '../../../src/container/list.js';
import type { ContainerSummary } from '../../../src/types/container.js';

const c = (name: string, ports: ContainerSummary['Ports']) => ({ Names: [`/${name}`], Ports: ports }) as ContainerSummary;
const web = c('web', [{ IP: '0.0.0.0', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' }]);
const dns = c('dns', [{ PrivatePort: 53, Type: 'udp' }]);
const names = (l: ContainerSummary[]) => l.map((x) => x.Names[0]);

it('publish= matches host ports, expose= container ports, with ranges and protocols (docker ps)', () => {
  expect(names(filterPorts([web, dns], { publish: ['8080'] }))).toEqual(['/web']);
  expect(names(filterPorts([web, dns], { publish: ['80'] }))).toEqual([]);
  expect(names(filterPorts([web, dns], { expose: ['80/tcp'] }))).toEqual(['/web']);
  expect(names(filterPorts([web, dns], { expose: ['50-60/udp'] }))).toEqual(['/dns']);
  expect(names(filterPorts([web, dns], { expose: ['53/tcp'] }))).toEqual([]);
  expect(names(filterPorts([web, dns], {}))).toEqual(['/web', '/dns']);
  expect(() => filterPorts([web], { publish: ['abc'] })).toThrow("invalid filter 'publish=abc'");
});
