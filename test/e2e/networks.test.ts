/** `network ls` / `network inspect`: docker's predefined networks (runs against docker too). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { berth, makeRoot } from '../helpers/cli.js';

let root: string;
let cleanup: () => void;

describe('networks', () => {
  beforeAll(() => ({ root, cleanup } = makeRoot('berth-net-')));
  afterAll(() => cleanup?.());

  it('network ls shows bridge, host and none in docker\'s table', async () => {
    const r = await berth(root, ['network', 'ls']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^NETWORK ID\s+NAME\s+DRIVER\s+SCOPE\n/);
    expect(r.stdout).toMatch(/^[0-9a-f]{12}\s+bridge\s+bridge\s+local$/m);
    expect(r.stdout).toMatch(/^[0-9a-f]{12}\s+host\s+host\s+local$/m);
    expect(r.stdout).toMatch(/^[0-9a-f]{12}\s+none\s+null\s+local$/m);
    const q = await berth(root, ['network', 'ls', '-q', '--filter', 'driver=bridge']);
    expect(q.stdout.trim().split('\n').filter(Boolean)).toHaveLength(1);
  });

  it('network inspect bridge has a gateway; a missing network is docker\'s error', async () => {
    const r = await berth(root, ['network', 'inspect', '-f', '{{.Driver}} {{(index .IPAM.Config 0).Gateway}}', 'bridge']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^bridge \d+\.\d+\.\d+\.\d+\n$/);
    const miss = await berth(root, ['network', 'inspect', 'nope']);
    expect(miss.code).toBe(1);
    expect(miss.stderr).toBe('Error: No such network: nope\n');
  });
});
