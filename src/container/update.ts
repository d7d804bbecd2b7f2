/**
 * `update`: dockerd's ContainerUpdate. Validate the request (verifyContainerSettings with
 * update=true), merge it into the stored HostConfig (Container.UpdateContainer's rules), then
 * apply it to a running or paused container with `runc update`; a runtime failure restores the
 * previous HostConfig. A stopped container gets the new limits at its next start.
 */
import type { ContainerUpdateRequest, ContainerUpdateResult, HostConfig } from '../types/container.js';
import { conflict, EngineError, invalid, toEngineError } from '../lib/errors.js';
import { withResources, type LinuxResources } from '../runtime/spec/index.js';
import type { ContainerDeps } from './runtime-deps.js';
import { containerEvent } from './container-store.js';
import { syncState } from './reconcile.js';

const cannot = (id: string, msg: string) => conflict(`Cannot update container ${id}: ${msg}`);

export function validateUpdate(req: ContainerUpdateRequest): void {
  // the "set Memory with Memoryswap" rule is a create rule; update may change swap alone
  withResources({
    memory: req.Memory, memorySwap: req.Memory ? req.MemorySwap : undefined,
    cpus: req.NanoCpus ? req.NanoCpus / 1e9 : undefined, cpuShares: req.CpuShares, pidsLimit: req.PidsLimit ?? undefined,
  });
  const p = req.RestartPolicy;
  if (!p || p.Name === '') return;
  if (!['no', 'always', 'unless-stopped', 'on-failure'].includes(p.Name)) {
    throw invalid(`invalid restart policy: unknown policy '${p.Name}'; use one of 'no', 'always', 'on-failure', or 'unless-stopped'`);
  }
  if (p.Name !== 'on-failure' && p.MaximumRetryCount) throw invalid(`invalid restart policy: maximum retry count can only be used with 'on-failure'`);
  if ((p.MaximumRetryCount ?? 0) < 0) throw invalid('invalid restart policy: maximum retry count cannot be negative');
}

/** Container.UpdateContainer: non-zero fields replace the stored ones, with docker's conflict checks. */
export function mergeUpdate(id: string, hc: HostConfig, req: ContainerUpdateRequest): HostConfig {
  const out: HostConfig = { ...hc };
  // dockerd stores the create-time default (twice the memory) as MemorySwap; berth's record may leave it implicit
  const swap = hc.MemorySwap || ((hc.Memory ?? 0) > 0 ? hc.Memory! * 2 : 0);
  if (req.CpuShares) out.CpuShares = req.CpuShares;
  if (req.NanoCpus) out.NanoCpus = req.NanoCpus;
  if (req.Memory) {
    if (req.Memory > swap && !req.MemorySwap) {
      throw cannot(id, 'Memory limit should be smaller than already set memoryswap limit, update the memoryswap at the same time');
    }
    out.Memory = req.Memory;
    out.MemorySwap = swap;
  }
  if (req.MemorySwap) out.MemorySwap = req.MemorySwap;
  // the API turns 0 and -1 (unlimited) into 0
  if (req.PidsLimit !== undefined && req.PidsLimit !== null) out.PidsLimit = req.PidsLimit > 0 ? req.PidsLimit : 0;
  if (req.RestartPolicy && req.RestartPolicy.Name !== '') {
    if (hc.AutoRemove && req.RestartPolicy.Name !== 'no') {
      throw cannot(id, 'Restart policy cannot be updated because AutoRemove is enabled for the container');
    }
    out.RestartPolicy = { Name: req.RestartPolicy.Name, MaximumRetryCount: req.RestartPolicy.MaximumRetryCount ?? 0 };
  }
  return out;
}

/** dockerd's toContainerdResources of the request: only what it sets, so runc leaves the rest. */
export function updateResources(req: ContainerUpdateRequest): LinuxResources {
  const r: LinuxResources = {};
  if (req.CpuShares) r.cpu = { shares: req.CpuShares };
  if (req.NanoCpus) r.cpu = { ...r.cpu, period: 100_000, quota: Math.floor((req.NanoCpus * 100_000) / 1e9) };
  if (req.Memory) r.memory = { limit: req.Memory };
  if (req.MemorySwap && req.MemorySwap > 0) r.memory = { ...r.memory, swap: req.MemorySwap };
  if (req.PidsLimit !== undefined && req.PidsLimit !== null) r.pids = { limit: req.PidsLimit > 0 ? req.PidsLimit : -1 };
  return r;
}

export async function updateContainer(deps: ContainerDeps, ref: string, req: ContainerUpdateRequest): Promise<ContainerUpdateResult> {
  validateUpdate(req);
  const { store } = deps;
  const id = (await store.resolve(ref)).Id;
  await store.withContainerLock(id, async () => {
    const rec = await syncState(deps, id);
    if (rec.State.Status === 'removing' || rec.State.Dead) throw cannot(id, 'container is marked for removal and cannot be "update"');
    const before = rec.HostConfig;
    const merged = mergeUpdate(id, before, req);
    const updated = await store.update(id, (r) => { r.HostConfig = merged; });
    try {
      const resources = updateResources(req);
      if (rec.State.Running && !rec.State.Restarting && Object.keys(resources).length) await deps.runc.update(id, resources);
    } catch (err) {
      await store.update(id, (r) => { r.HostConfig = before; });
      const e = toEngineError(err);
      throw new EngineError(e.code === 'NOT_FOUND' || e.code === 'CONFLICT' ? e.code : 'INTERNAL', `Cannot update container ${id}: ${e.message}`, { cause: err });
    } finally {
      await store.events.append(containerEvent('update', updated));
    }
  });
  return { Warnings: [] };
}
