/**
 * conmon's exit command (`berth container cleanup ID`): record the exit, then apply --rm or the
 * restart policy as dockerd's restart manager does (restart-policy.ts): RestartCount counts at the
 * exit, the container shows "Restarting (N)" during a backoff of 100 ms doubling per quick exit
 * (reset after 10 s of uptime, at most 1 min), and a user's stop during the backoff cancels it.
 * Runs detached from any CLI, so containers keep their semantics with no berth process alive.
 */
import type { ContainerDeps } from './runtime-deps.js';
import { syncState } from './reconcile.js';
import { removeContainer, type VolumeRelease } from './remove.js';
import { startLocked } from './start.js';
import { setStatus } from './record.js';
import { backoffMs, shouldRestart } from './restart-policy.js';
import { isEngineError } from '../lib/errors.js';

export { backoffMs, shouldRestart } from './restart-policy.js';

export async function cleanupContainer(deps: ContainerDeps, id: string, releaseVolumes?: VolumeRelease): Promise<void> {
  try {
    await cleanup(deps, id, releaseVolumes);
  } catch (err) {
    if (!isEngineError(err, 'NOT_FOUND')) throw err; // removed meanwhile (rm -f): nothing left to do
  }
}

async function cleanup(deps: ContainerDeps, id: string, releaseVolumes?: VolumeRelease): Promise<void> {
  const { store } = deps;
  let delay = 0;
  const rec = await store.withContainerLock(id, async () => {
    const r = await syncState(deps, id);
    // claim the restart: the exit was recorded as "restarting" (or as exited by an older berth)
    const due = (r.State.Status === 'restarting' && !r.berth.restartPid) || (r.State.Status === 'exited' && shouldRestart(r));
    if (!due) return r;
    delay = backoffMs(r);
    return store.update(id, (x) => {
      setStatus(x.State, 'restarting');
      x.RestartCount += 1;
      x.berth.restartDelayMs = delay;
      x.berth.restartPid = process.pid; // reconcile turns "restarting" back to exited if this process dies
    });
  });
  if (rec.State.Status === 'exited' && rec.HostConfig.AutoRemove) {
    await removeContainer(deps, id, { force: true, volumes: true }, releaseVolumes);
    return;
  }
  if (rec.State.Status !== 'restarting' || rec.berth.restartPid !== process.pid) return;
  await new Promise((r) => setTimeout(r, delay));
  await store.withContainerLock(id, async () => {
    const current = await syncState(deps, id);
    // stopped, started or removed by someone during the backoff
    if (current.State.Status !== 'restarting' || current.berth.restartPid !== process.pid) return;
    try {
      await startLocked(deps, current, { policyRestart: true });
    } catch (err) {
      await store.update(id, (x) => {
        setStatus(x.State, 'exited');
        x.berth.restartPid = undefined;
        if (isEngineError(err) && typeof err.detail?.exitCode === 'number') x.State.ExitCode = err.detail.exitCode;
      });
      throw err;
    }
  });
}
