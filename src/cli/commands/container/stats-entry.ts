/**
 * The docker CLI's side of `stats` (cli/command/container/stats_helpers.go, formatter_stats.go):
 * percentages and sums from the engine's StatsJSON, and the columns as docker formats them.
 */
import type { BlkioStatsJSON, ContainerStatsJSON, CpuStatsJSON, MemoryStatsJSON, NetworkStatsJSON } from '../../../engine/types.js';
import { bytesSize, humanSize } from '../../format/index.js';
import { formatFloat } from '../../format/go-float.js';

export interface StatsEntry {
  /** What the user typed, or the ID when listed (docker's Container column). */
  Container: string;
  Name: string;
  ID: string;
  CPUPercentage: number;
  Memory: number;
  MemoryLimit: number;
  MemoryPercentage: number;
  NetworkRx: number;
  NetworkTx: number;
  BlockRead: number;
  BlockWrite: number;
  PidsCurrent: number;
  /** No sample (timeout, error): every column shows "--". */
  IsInvalid: boolean;
}

export const DEFAULT_STATS_FORMAT = 'table {{.ID}}\t{{.Name}}\t{{.CPUPerc}}\t{{.MemUsage}}\t{{.MemPerc}}\t{{.NetIO}}\t{{.BlockIO}}\t{{.PIDs}}';

export const STATS_HEADERS = {
  Container: 'CONTAINER', Name: 'NAME', ID: 'CONTAINER ID', CPUPerc: 'CPU %', MemUsage: 'MEM USAGE / LIMIT',
  MemPerc: 'MEM %', NetIO: 'NET I/O', BlockIO: 'BLOCK I/O', PIDs: 'PIDS',
};

/** calculateCPUPercentUnix: container CPU delta over host CPU delta, times online CPUs. */
export function cpuPercent(pre: CpuStatsJSON, cur: CpuStatsJSON): number {
  const cpuDelta = cur.cpu_usage.total_usage - pre.cpu_usage.total_usage;
  const systemDelta = (cur.system_cpu_usage ?? 0) - (pre.system_cpu_usage ?? 0);
  const online = cur.online_cpus || cur.cpu_usage.percpu_usage?.length || 0;
  return systemDelta > 0 && cpuDelta > 0 ? (cpuDelta / systemDelta) * online * 100 : 0;
}

/** calculateMemUsageUnixNoCache: usage minus inactive file pages (total_inactive_file on v1, inactive_file on v2). */
export function memUsageNoCache(mem: MemoryStatsJSON): number {
  const usage = mem.usage ?? 0;
  const v1 = mem.stats?.total_inactive_file;
  if (v1 !== undefined && v1 < usage) return usage - v1;
  const v2 = mem.stats?.inactive_file ?? 0;
  return v2 < usage ? usage - v2 : usage;
}

export function memPercent(limit: number, used: number): number {
  return limit !== 0 ? (used / limit) * 100 : 0;
}

/** calculateBlockIO: bytes by op, read ops start with r/R, writes with w/W. */
export function blockIO(blkio: BlkioStatsJSON): [number, number] {
  let read = 0;
  let write = 0;
  for (const e of blkio.io_service_bytes_recursive ?? []) {
    const op = e.op[0];
    if (op === 'r' || op === 'R') read += e.value;
    else if (op === 'w' || op === 'W') write += e.value;
  }
  return [read, write];
}

export function networkIO(nets: Record<string, NetworkStatsJSON> | undefined): [number, number] {
  let rx = 0;
  let tx = 0;
  for (const n of Object.values(nets ?? {})) { rx += n.rx_bytes; tx += n.tx_bytes; }
  return [rx, tx];
}

export function statsEntry(container: string, v: ContainerStatsJSON): StatsEntry {
  const memory = memUsageNoCache(v.memory_stats);
  const limit = v.memory_stats.limit ?? 0;
  const [rx, tx] = networkIO(v.networks);
  const [read, write] = blockIO(v.blkio_stats);
  return {
    Container: container, Name: v.name, ID: v.id, CPUPercentage: cpuPercent(v.precpu_stats, v.cpu_stats),
    Memory: memory, MemoryLimit: limit, MemoryPercentage: memPercent(limit, memory),
    NetworkRx: rx, NetworkTx: tx, BlockRead: read, BlockWrite: write, PidsCurrent: v.pids_stats.current ?? 0, IsInvalid: false,
  };
}

/** A container with no sample yet or a failed one: only the name and ID are known. */
export function invalidEntry(container: string, prev?: StatsEntry): StatsEntry {
  return {
    Container: container, Name: prev?.Name ?? '', ID: prev?.ID ?? '', CPUPercentage: 0, Memory: 0, MemoryLimit: 0, MemoryPercentage: 0,
    NetworkRx: 0, NetworkTx: 0, BlockRead: 0, BlockWrite: 0, PidsCurrent: 0, IsInvalid: true,
  };
}

// strconv.FormatFloat(v, 'f', 2, 64): Go's rounding, not toFixed's
const pct = (v: number) => `${formatFloat(v, 'f', 2)}%`;

/** formatter_stats.go's statsContext methods; keys in alphabetical order as its JSON marshalling sorts them. */
export function statsRow(s: StatsEntry, trunc: boolean) {
  const bad = s.IsInvalid;
  return {
    BlockIO: bad ? '--' : `${humanSize(s.BlockRead, 3)} / ${humanSize(s.BlockWrite, 3)}`,
    CPUPerc: bad ? '--' : pct(s.CPUPercentage),
    Container: s.Container,
    ID: trunc ? s.ID.slice(0, 12) : s.ID,
    MemPerc: bad ? '--' : pct(s.MemoryPercentage),
    MemUsage: bad ? '-- / --' : `${bytesSize(s.Memory)} / ${bytesSize(s.MemoryLimit)}`,
    Name: s.Name.replace(/^\//, '') || '--',
    NetIO: bad ? '--' : `${humanSize(s.NetworkRx, 3)} / ${humanSize(s.NetworkTx, 3)}`,
    PIDs: bad ? '--' : String(s.PidsCurrent),
  };
}
