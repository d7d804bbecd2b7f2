/**
 * `wait` conditions: not-running (return at once when stopped), next-exit (the next exit from
 * now), removed (the record is gone). Polls the reconciled state; every wait is bounded by the
 * caller's signal.
 */
import type { WaitCondition } from '../types/container.js';
import { invalid, isEngineError } from '../lib/errors.js';
import type { ContainerDeps } from './runtime-deps.js';
import { syncState } from './reconcile.js';
import { cleanupContainer } from './cleanup.js';

// the abort listener goes when the timer fires: a long wait must not pile listeners on the signal
const sleep = (ms: number, signal?: AbortSignal) => new Promise<void>((r) => {
  const done = () => { clearTimeout(t); signal?.removeEventListener('abort', done); r(); };
  const t = setTimeout(done, ms);
  signal?.addEventListener('abort', done, { once: true });
});

/**
 * Polls back off to 200 ms; waiting for a stopped container's removal stays at 25 ms: that poll is
 * one record read (no runc), and `run --rm` returns only once the exit command has removed it.
 */
function pollCap(condition: WaitCondition, rec: { State: { Running: boolean; Restarting: boolean } }): number {
  return condition === 'removed' && !rec.State.Running && !rec.State.Restarting ? 25 : 200;
}

export async function waitContainer(deps: ContainerDeps, ref: string, condition: WaitCondition = 'not-running', signal?: AbortSignal): Promise<{ StatusCode: number }> {
  if (!['not-running', 'next-exit', 'removed'].includes(condition)) throw invalid(`invalid condition: "${condition}"`);
  const id = (await deps.store.resolve(ref)).Id;
  let rec = await syncState(deps, id);
  const began = new Date().toISOString();
  let last = rec.State.ExitCode;
  let cleaned = false;
  for (let delay = 20; !signal?.aborted; delay = Math.min(delay * 2, pollCap(condition, rec))) {
    try {
      rec = await syncState(deps, id);
    } catch (err) {
      if (condition === 'removed' && isEngineError(err, 'NOT_FOUND')) return { StatusCode: last };
      throw err;
    }
    last = rec.State.ExitCode;
    // a container waiting to be restarted by its policy has exited (dockerd releases waiters then too)
    const stopped = !rec.State.Running || rec.State.Restarting;
    if (condition === 'not-running' && stopped) return { StatusCode: rec.State.ExitCode };
    // --rm: run the exit command's cleanup here rather than wait for conmon to start it (a second
    // Node process, ~150 ms); whoever takes the container lock first removes, the other finds nothing
    if (condition === 'removed' && rec.State.Status === 'exited' && rec.HostConfig.AutoRemove && !cleaned) {
      cleaned = true;
      await cleanupContainer(deps, id).catch(() => undefined);
      continue;
    }
    // next-exit: an exit recorded after this wait began (docker run waits before it starts)
    if (condition === 'next-exit' && stopped && rec.berth.exitHandled && rec.State.FinishedAt >= began) {
      return { StatusCode: rec.State.ExitCode };
    }
    await sleep(delay, signal);
  }
  throw invalid('wait canceled');
}
