/**
 * One reading of a container's cgroup counters, in docker's stats shapes: cgroup v1 files as
 * containerd's cgroup1 metrics read them (dockerd's statsV1), or cgroup v2 files (statsV2).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BlkioStatsJSON, CpuStatsJSON, MemoryStatsJSON } from '../../types/container-ops.js';
import type { CgroupLocation } from './locate.js';
import { parseBlkio, parseFlatKeyed, parseIoStat, parseList, parseNumber, ticksToNs } from './parse.js';

export interface CgroupSample {
  cpu: CpuStatsJSON;
  memory: MemoryStatsJSON;
  pids: { current?: number; limit?: number };
  blkio: BlkioStatsJSON;
}

const read = (dir: string | undefined, file: string): Promise<string | undefined> =>
  (dir ? readFile(join(dir, file), 'utf8').catch(() => undefined) : Promise.resolve(undefined));

export function emptyBlkio(): BlkioStatsJSON {
  return {
    io_service_bytes_recursive: null, io_serviced_recursive: null, io_queue_recursive: null, io_service_time_recursive: null,
    io_wait_time_recursive: null, io_merged_recursive: null, io_time_recursive: null, sectors_recursive: null,
  };
}

/** dockerd's statsV1 raw map: these keys, always present (0 when the kernel has none). */
const V1_MEMORY_KEYS = [
  'cache', 'rss', 'rss_huge', 'mapped_file', 'dirty', 'writeback', 'pgpgin', 'pgpgout', 'pgfault', 'pgmajfault',
  'inactive_anon', 'active_anon', 'inactive_file', 'active_file', 'unevictable', 'hierarchical_memory_limit', 'hierarchical_memsw_limit',
];
const V1_KEYS = [...V1_MEMORY_KEYS, ...V1_MEMORY_KEYS.filter((k) => !k.startsWith('hierarchical')).map((k) => `total_${k}`)];

const V2_MEMORY_KEYS = [
  'anon', 'file', 'kernel_stack', 'slab', 'sock', 'shmem', 'file_mapped', 'file_dirty', 'file_writeback', 'anon_thp',
  'inactive_anon', 'active_anon', 'inactive_file', 'active_file', 'unevictable', 'slab_reclaimable', 'slab_unreclaimable',
  'pgfault', 'pgmajfault', 'workingset_refault', 'workingset_activate', 'workingset_nodereclaim', 'pgrefill', 'pgscan',
  'pgsteal', 'pgactivate', 'pgdeactivate', 'pglazyfree', 'pglazyfreed', 'thp_fault_alloc', 'thp_collapse_alloc',
];

const pick = (raw: Record<string, number>, keys: string[]) => Object.fromEntries(keys.map((k) => [k, raw[k] ?? 0]));

async function sampleV1(d: Extract<CgroupLocation, { version: 1 }>['dirs']): Promise<CgroupSample> {
  const [usage, percpu, acctStat, cpuStat, memUsage, memMax, memLimit, memFail, memStat, pidsCur, pidsMax, cfqBytes, cfqIos, thrBytes, thrIos] = await Promise.all([
    read(d.cpuacct, 'cpuacct.usage'), read(d.cpuacct, 'cpuacct.usage_percpu'), read(d.cpuacct, 'cpuacct.stat'), read(d.cpu, 'cpu.stat'),
    read(d.memory, 'memory.usage_in_bytes'), read(d.memory, 'memory.max_usage_in_bytes'), read(d.memory, 'memory.limit_in_bytes'),
    read(d.memory, 'memory.failcnt'), read(d.memory, 'memory.stat'), read(d.pids, 'pids.current'), read(d.pids, 'pids.max'),
    read(d.blkio, 'blkio.io_service_bytes_recursive'), read(d.blkio, 'blkio.io_serviced_recursive'),
    read(d.blkio, 'blkio.throttle.io_service_bytes'), read(d.blkio, 'blkio.throttle.io_serviced'),
  ]);
  const acct = parseFlatKeyed(acctStat);
  const thr = parseFlatKeyed(cpuStat);
  const blkio = emptyBlkio();
  // containerd reads the CFQ files when they have data, else the throttle ones (always kept by the kernel)
  const cfq = parseBlkio(cfqBytes);
  blkio.io_service_bytes_recursive = cfq.length ? cfq : parseBlkio(thrBytes);
  blkio.io_serviced_recursive = cfq.length ? parseBlkio(cfqIos) : parseBlkio(thrIos);
  return {
    cpu: {
      cpu_usage: { total_usage: parseNumber(usage) ?? 0, percpu_usage: parseList(percpu), usage_in_kernelmode: ticksToNs(acct.system), usage_in_usermode: ticksToNs(acct.user) },
      throttling_data: { periods: thr.nr_periods ?? 0, throttled_periods: thr.nr_throttled ?? 0, throttled_time: thr.throttled_time ?? 0 },
    },
    memory: {
      usage: parseNumber(memUsage) ?? 0, max_usage: parseNumber(memMax) ?? 0, stats: pick(parseFlatKeyed(memStat), V1_KEYS),
      failcnt: parseNumber(memFail) ?? 0, limit: parseNumber(memLimit) ?? 0,
    },
    pids: { current: parseNumber(pidsCur) ?? 0, limit: parseNumber(pidsMax) ?? 0 },
    blkio,
  };
}

async function sampleV2(dir: string): Promise<CgroupSample> {
  const [cpuStat, memCur, memMax, memStat, memEvents, pidsCur, pidsMax, ioStat] = await Promise.all([
    read(dir, 'cpu.stat'), read(dir, 'memory.current'), read(dir, 'memory.max'), read(dir, 'memory.stat'), read(dir, 'memory.events'),
    read(dir, 'pids.current'), read(dir, 'pids.max'), read(dir, 'io.stat'),
  ]);
  const cpu = parseFlatKeyed(cpuStat);
  const io = parseIoStat(ioStat);
  const blkio = emptyBlkio();
  blkio.io_service_bytes_recursive = io.bytes.length ? io.bytes : null;
  return {
    cpu: {
      cpu_usage: { total_usage: (cpu.usage_usec ?? 0) * 1000, usage_in_kernelmode: (cpu.system_usec ?? 0) * 1000, usage_in_usermode: (cpu.user_usec ?? 0) * 1000 },
      throttling_data: { periods: cpu.nr_periods ?? 0, throttled_periods: cpu.nr_throttled ?? 0, throttled_time: (cpu.throttled_usec ?? 0) * 1000 },
    },
    // "max" (no limit) reads as the largest value so the caller caps it at host memory, as for v1
    memory: {
      usage: parseNumber(memCur) ?? 0, stats: pick(parseFlatKeyed(memStat), V2_MEMORY_KEYS),
      limit: parseNumber(memMax) ?? Number.MAX_SAFE_INTEGER, failcnt: parseFlatKeyed(memEvents).oom ?? 0,
    },
    pids: { current: parseNumber(pidsCur) ?? 0, limit: parseNumber(pidsMax) ?? 0 },
    blkio,
  };
}

export function sampleCgroup(loc: CgroupLocation): Promise<CgroupSample> {
  return loc.version === 1 ? sampleV1(loc.dirs) : sampleV2(loc.dir);
}
