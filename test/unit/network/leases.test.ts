/** Lease staleness: a lease lives as long as the container init it names (or, before attach, its allocating process). */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { isStale, pidStartTime } from '../../../src/network/leases.js';
import type { Lease } from '../../../src/network/index.js';

const base: Lease = { id: 'a'.repeat(64), root: '/r', name: 'n', ip: '10.213.47.2', mac: '', ports: [], owner: process.pid, created: '' };
const deadPid = () => spawnSync('true').pid!;

describe('stale leases', () => {
  it('attached: live while the init with the same start time runs; a dead or reused pid is stale', () => {
    expect(isStale({ ...base, pid: process.pid, pidStart: pidStartTime(process.pid) })).toBe(false);
    expect(isStale({ ...base, pid: process.pid, pidStart: '1' })).toBe(true);
    expect(isStale({ ...base, pid: deadPid(), pidStart: undefined })).toBe(true);
  });

  it('not attached yet: live while the allocating process runs', () => {
    expect(isStale(base)).toBe(false);
    expect(isStale({ ...base, owner: deadPid() })).toBe(true);
  });
});
