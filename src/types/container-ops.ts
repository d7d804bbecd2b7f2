/**
 * Shapes of `top`, `stats` and `update` in the Docker Engine API's terms, so the API server can
 * send them as they are. Stats keep docker's snake_case JSON names (GET /containers/{id}/stats).
 */
import type { RestartPolicy } from './container.js';

/** GET /containers/{id}/top */
export interface ContainerTopResult {
  Titles: string[];
  Processes: string[][];
}

/** POST /containers/{id}/update: the Resources berth applies, plus the restart policy. */
export interface ContainerUpdateRequest {
  Memory?: number;
  /** Memory + swap; -1 = unlimited swap. */
  MemorySwap?: number;
  NanoCpus?: number;
  CpuShares?: number;
  /** 0 or -1 = unlimited; undefined/null = unchanged. */
  PidsLimit?: number | null;
  RestartPolicy?: RestartPolicy;
}

export interface ContainerUpdateResult {
  Warnings: string[];
}

export interface ContainerStatsOptions {
  /** Emit a sample every second until the signal aborts (docker's default). */
  stream?: boolean;
  /** Without stream: one sample at once, with no precpu_stats (docker's one-shot). */
  oneShot?: boolean;
  signal?: AbortSignal;
  /** Sampling interval, ms. @default 1000 (dockerd's collector interval) */
  intervalMs?: number;
}

export interface CpuUsageJSON {
  total_usage: number;
  percpu_usage?: number[];
  usage_in_kernelmode: number;
  usage_in_usermode: number;
}

export interface CpuStatsJSON {
  cpu_usage: CpuUsageJSON;
  /** Host CPU time in ns (from /proc/stat), sampled with the container's. */
  system_cpu_usage?: number;
  online_cpus?: number;
  throttling_data: { periods: number; throttled_periods: number; throttled_time: number };
}

export interface MemoryStatsJSON {
  usage?: number;
  max_usage?: number;
  stats?: Record<string, number>;
  failcnt?: number;
  limit?: number;
}

export interface BlkioStatEntryJSON {
  major: number;
  minor: number;
  op: string;
  value: number;
}

export interface BlkioStatsJSON {
  io_service_bytes_recursive: BlkioStatEntryJSON[] | null;
  io_serviced_recursive: BlkioStatEntryJSON[] | null;
  io_queue_recursive: BlkioStatEntryJSON[] | null;
  io_service_time_recursive: BlkioStatEntryJSON[] | null;
  io_wait_time_recursive: BlkioStatEntryJSON[] | null;
  io_merged_recursive: BlkioStatEntryJSON[] | null;
  io_time_recursive: BlkioStatEntryJSON[] | null;
  sectors_recursive: BlkioStatEntryJSON[] | null;
}

export interface NetworkStatsJSON {
  rx_bytes: number;
  rx_packets: number;
  rx_errors: number;
  rx_dropped: number;
  tx_bytes: number;
  tx_packets: number;
  tx_errors: number;
  tx_dropped: number;
}

/** One stats sample, docker's StatsJSON (linux fields). */
export interface ContainerStatsJSON {
  /** RFC 3339 with nanoseconds; "0001-01-01T00:00:00Z" when the container is not running. */
  read: string;
  preread: string;
  pids_stats: { current?: number; limit?: number };
  blkio_stats: BlkioStatsJSON;
  num_procs: number;
  storage_stats: Record<string, never>;
  cpu_stats: CpuStatsJSON;
  precpu_stats: CpuStatsJSON;
  memory_stats: MemoryStatsJSON;
  /** With docker's leading slash. */
  name: string;
  id: string;
  /** Omitted when the container has no interfaces besides loopback (docker's omitempty). */
  networks?: Record<string, NetworkStatsJSON>;
}
