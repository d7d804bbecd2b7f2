/**
 * conmon's exit command (`berth container cleanup ID`): record the exit, then apply --rm or the
 * restart policy with docker's backoff (100 ms doubling, reset after 10 s of uptime, max 1 min).
 * Runs detached from any CLI, so containers keep their semantics with no berth process alive.
 */
import type { ContainerDeps } from './runtime-deps.js';
import { syncState } from './reconcile.js';
import { removeContainer, type VolumeRelease } from './remove.js';
import { startLocked } from './start.js';
import { containerEvent } from './container-store.js';
import type { ContainerRecord } from './record.js';

export function shouldRestart(rec: ContainerRecord): boolean {
  const p = rec.HostConfig.RestartPolicy;
  if (!p || !p.Name || p.Name === 'no' || rec.HostConfig.AutoRemove) return false;
  if (rec.berth.manuallyStopped) return false;
  if (p.Name === 'always' || p.Name === 'unless-stopped') return true;
  if (p.Name === 'on-failure') return rec.State.ExitCode !== 0 && (!p.MaximumRetryCount || rec.RestartCount < p.MaximumRetryCount);
  return false;
}

export function backoffMs(rec: ContainerRecord): number {
  const ranMs = Date.parse(rec.State.FinishedAt) - Date.parse(rec.State.StartedAt);
  if (ranMs > 10_000) return 100;
  return Math.min(100 * 2 ** rec.RestartCount, 60_000);
}

export async function cleanupContainer(deps: ContainerDeps, id: string, releaseVolumes?: VolumeRelease): Promise<void> {
  const rec = await deps.store.withContainerLock(id, () => syncState(deps, id));
  if (rec.State.Running) return;
  if (rec.HostConfig.AutoRemove) {
    await removeContainer(deps, id, { force: true, volumes: true }, releaseVolumes);
    return;
  }
  if (!shouldRestart(rec)) return;
  await new Promise((r) => setTimeout(r, backoffMs(rec)));
  await deps.store.withContainerLock(id, async () => {
    const current = await syncState(deps, id);
    if (current.State.Running || !shouldRestart(current)) return; // stopped or started by someone meanwhile
    const bumped = await deps.store.update(id, (r) => { r.RestartCount += 1; });
    await deps.store.events.append(containerEvent('restart', bumped));
    await startLocked(deps, bumped);
  });
}
