/** Host-side counters a stats sample needs besides the cgroup: system CPU time and the netns's interfaces. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { NetworkStatsJSON } from '../../types/container-ops.js';
import { parseNetDev, parseProcStat } from './parse.js';

/** Host CPU time (ns) and online CPUs, read right after the cgroup so the two deltas line up. */
export async function systemCpu(procRoot = '/proc'): Promise<{ systemUsage: number; onlineCpus: number }> {
  return parseProcStat(await readFile(join(procRoot, 'stat'), 'utf8'));
}

/**
 * Interface counters of the network namespace `pid` lives in (/proc/<pid>/net/dev is per-netns),
 * loopback excluded; undefined when the process is gone.
 */
export async function netnsInterfaces(pid: number, procRoot = '/proc'): Promise<Record<string, NetworkStatsJSON> | undefined> {
  try {
    return parseNetDev(await readFile(join(procRoot, String(pid), 'net', 'dev'), 'utf8'));
  } catch {
    return undefined;
  }
}
