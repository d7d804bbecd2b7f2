/**
 * `stats`: docker's StatsJSON from the container's cgroup files, the host's /proc/stat and the
 * container's network namespace. Streaming yields a sample every interval (dockerd's collector
 * ticks each second) with the previous one's CPU counters as precpu_stats; without streaming,
 * two samples are taken so the one result has precpu_stats (dockerd's non-one-shot mode).
 */
import { totalmem } from 'node:os';
import type { ContainerStatsJSON, ContainerStatsOptions, CpuStatsJSON } from '../types/container.js';
import { isEngineError } from '../lib/errors.js';
import { emptyBlkio, locateCgroups, netnsInterfaces, sampleCgroup, systemCpu } from '../runtime/cgroups/index.js';
import type { ContainerDeps } from './runtime-deps.js';
import type { ContainerRecord } from './record.js';
import { syncState } from './reconcile.js';

const ZERO_TIME = '0001-01-01T00:00:00Z';

export function emptyCpu(): CpuStatsJSON {
  return { cpu_usage: { total_usage: 0, usage_in_kernelmode: 0, usage_in_usermode: 0 }, throttling_data: { periods: 0, throttled_periods: 0, throttled_time: 0 } };
}

/** What dockerd answers for a container that is not running: only its name and ID. */
export function emptyStats(rec: Pick<ContainerRecord, 'Id' | 'Name'>): ContainerStatsJSON {
  return {
    read: ZERO_TIME, preread: ZERO_TIME, pids_stats: {}, blkio_stats: emptyBlkio(), num_procs: 0, storage_stats: {},
    cpu_stats: emptyCpu(), precpu_stats: emptyCpu(), memory_stats: {}, name: rec.Name, id: rec.Id,
  };
}

/** One reading; undefined when the container stopped between the record check and the read. */
export async function sampleStats(rec: ContainerRecord, hostMemory = totalmem()): Promise<ContainerStatsJSON | undefined> {
  const pid = rec.State.Pid;
  let cg;
  try {
    cg = await sampleCgroup(await locateCgroups(pid));
  } catch {
    return undefined; // the process (and its /proc entry) is gone
  }
  const sys = await systemCpu();
  const read = new Date().toISOString();
  const memory = { ...cg.memory };
  // no memory limit: the cgroup reports a huge number; dockerd shows the machine's memory instead
  if (hostMemory > 0 && (memory.limit ?? 0) > hostMemory) memory.limit = hostMemory;
  const stats: ContainerStatsJSON = {
    read, preread: ZERO_TIME, pids_stats: cg.pids, blkio_stats: cg.blkio, num_procs: 0, storage_stats: {},
    cpu_stats: { ...cg.cpu, system_cpu_usage: sys.systemUsage, online_cpus: sys.onlineCpus }, precpu_stats: emptyCpu(),
    memory_stats: memory, name: rec.Name, id: rec.Id,
  };
  // --network host shares the host's interfaces: docker's host sandbox reports none
  if (rec.HostConfig.NetworkMode !== 'host') {
    const nets = await netnsInterfaces(pid);
    if (nets && Object.keys(nets).length) stats.networks = nets;
  }
  return stats;
}

const sleep = (ms: number, signal?: AbortSignal) => new Promise<void>((r) => {
  if (signal?.aborted) return r();
  const t = setTimeout(done, ms);
  function done() { clearTimeout(t); signal?.removeEventListener('abort', done); r(); }
  signal?.addEventListener('abort', done, { once: true });
});

/** The record, or undefined once the container is gone (a stream then ends). */
async function current(deps: ContainerDeps, id: string): Promise<ContainerRecord | undefined> {
  try {
    return await syncState(deps, id);
  } catch (err) {
    if (isEngineError(err, 'NOT_FOUND')) return undefined;
    throw err;
  }
}

async function take(deps: ContainerDeps, id: string): Promise<{ rec?: ContainerRecord; stats?: ContainerStatsJSON }> {
  const rec = await current(deps, id);
  if (!rec) return {};
  const live = rec.State.Running && !rec.State.Restarting ? await sampleStats(rec) : undefined;
  return { rec, stats: live ?? emptyStats(rec) };
}

export async function* containerStats(deps: ContainerDeps, ref: string, opts: ContainerStatsOptions = {}): AsyncIterable<ContainerStatsJSON> {
  const id = (await deps.store.resolve(ref)).Id; // NOT_FOUND with docker's message before anything is yielded
  const interval = opts.intervalMs ?? 1000;
  let prev: ContainerStatsJSON | undefined;
  if (!opts.stream && !opts.oneShot) {
    const first = await take(deps, id);
    if (!first.stats || first.stats.read === ZERO_TIME) { if (first.stats) yield first.stats; return; }
    prev = first.stats;
    await sleep(interval, opts.signal);
    if (opts.signal?.aborted) return;
  }
  for (;;) {
    const { stats } = await take(deps, id);
    if (!stats) return;
    if (prev && stats.read !== ZERO_TIME) Object.assign(stats, { preread: prev.read, precpu_stats: prev.cpu_stats });
    yield stats;
    if (!opts.stream || opts.signal?.aborted) return;
    prev = stats.read === ZERO_TIME ? undefined : stats;
    await sleep(interval, opts.signal);
    if (opts.signal?.aborted) return;
  }
}
