/**
 * Engine methods that land in other issues (volumes), or that a remote engine may lack, are
 * detected at run time; until they exist the TUI shows the real, empty state and says "not
 * supported yet".
 * Shapes follow the Docker Engine API (GET /volumes, /containers/{id}/stats, /containers/{id}/top).
 */
import type { Engine } from '../../engine/engine.js';
import type { ContainerStatsJSON, ContainerTopResult } from '../../engine/types.js';
import type { VolumeRow } from '../panes/pane-configs.js';

export type TopResult = ContainerTopResult;

/** The fields of docker's stats JSON the Stats tab reads. */
export type StatsSample = Partial<Pick<ContainerStatsJSON, 'read' | 'cpu_stats' | 'precpu_stats' | 'memory_stats' | 'pids_stats'>>;

type Maybe = Record<string, unknown>;

const fn = (engine: Engine, name: string) => {
  const f = (engine as unknown as Maybe)[name];
  return typeof f === 'function' ? (f as (...a: unknown[]) => unknown).bind(engine) : undefined;
};

export function hasVolumes(engine: Engine): boolean {
  return fn(engine, 'listVolumes') !== undefined;
}

export async function listVolumes(engine: Engine): Promise<VolumeRow[]> {
  const f = fn(engine, 'listVolumes');
  if (!f) return [];
  const r = (await f()) as VolumeRow[] | { Volumes?: VolumeRow[] | null };
  return Array.isArray(r) ? r : r.Volumes ?? [];
}

/** Sizes and reference counts come only from `system df` (docker's UsageData); best effort. */
export async function volumeUsage(engine: Engine): Promise<Map<string, { Size: number; RefCount: number }>> {
  const usage = new Map<string, { Size: number; RefCount: number }>();
  try {
    const df = await engine.diskUsage();
    for (const v of df.Volumes as VolumeRow[]) if (v?.Name && v.UsageData) usage.set(v.Name, v.UsageData);
  } catch { /* sizes stay unknown */ }
  return usage;
}

export async function inspectVolume(engine: Engine, name: string): Promise<unknown> {
  const f = fn(engine, 'inspectVolume');
  return f ? await f(name) : undefined;
}

export function hasTop(engine: Engine): boolean {
  return fn(engine, 'containerTop') !== undefined;
}

export function containerTop(engine: Engine, ref: string): Promise<TopResult> {
  return engine.containerTop(ref);
}

export function hasStats(engine: Engine): boolean {
  return fn(engine, 'containerStats') !== undefined;
}

/** Streams one sample a second until `signal` aborts. */
export function containerStats(engine: Engine, ref: string, signal: AbortSignal): AsyncIterable<StatsSample> {
  return engine.containerStats(ref, { stream: true, signal });
}

/** CPU % as docker stats computes it (delta of container over delta of system, times CPUs). */
export function cpuPercent(s: StatsSample): number | undefined {
  const cpu = (s.cpu_stats?.cpu_usage?.total_usage ?? 0) - (s.precpu_stats?.cpu_usage?.total_usage ?? 0);
  const sys = (s.cpu_stats?.system_cpu_usage ?? 0) - (s.precpu_stats?.system_cpu_usage ?? 0);
  if (!s.cpu_stats || !s.precpu_stats?.system_cpu_usage || sys <= 0) return undefined;
  return (cpu / sys) * (s.cpu_stats.online_cpus ?? 1) * 100;
}

/** docker stats' MEM USAGE: usage minus the page cache that can be dropped (inactive_file). */
export function memUsage(s: StatsSample): { used?: number; limit?: number } {
  const m = s.memory_stats;
  if (m?.usage === undefined) return { limit: m?.limit };
  const cache = m.stats?.inactive_file ?? m.stats?.total_inactive_file ?? 0;
  return { used: Math.max(0, m.usage - cache), limit: m.limit };
}
