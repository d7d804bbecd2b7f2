/**
 * `wait` conditions: not-running (return at once when stopped), next-exit (the next exit from
 * now), removed (the record is gone). Polls the reconciled state; every wait is bounded by the
 * caller's signal.
 */
import type { WaitCondition } from '../types/container.js';
import { invalid, isEngineError } from '../lib/errors.js';
import type { ContainerDeps } from './runtime-deps.js';
import { syncState } from './reconcile.js';

const sleep = (ms: number, signal?: AbortSignal) => new Promise<void>((r) => {
  const t = setTimeout(r, ms);
  signal?.addEventListener('abort', () => { clearTimeout(t); r(); }, { once: true });
});

export async function waitContainer(deps: ContainerDeps, ref: string, condition: WaitCondition = 'not-running', signal?: AbortSignal): Promise<{ StatusCode: number }> {
  if (!['not-running', 'next-exit', 'removed'].includes(condition)) throw invalid(`invalid condition: "${condition}"`);
  const id = (await deps.store.resolve(ref)).Id;
  let rec = await syncState(deps, id);
  const began = new Date().toISOString();
  let last = rec.State.ExitCode;
  for (let delay = 20; !signal?.aborted; delay = Math.min(delay * 2, 200)) {
    try {
      rec = await syncState(deps, id);
    } catch (err) {
      if (condition === 'removed' && isEngineError(err, 'NOT_FOUND')) return { StatusCode: last };
      throw err;
    }
    last = rec.State.ExitCode;
    if (condition === 'not-running' && !rec.State.Running) return { StatusCode: rec.State.ExitCode };
    // next-exit: an exit recorded after this wait began (docker run waits before it starts)
    if (condition === 'next-exit' && !rec.State.Running && rec.berth.exitHandled && rec.State.FinishedAt >= began) {
      return { StatusCode: rec.State.ExitCode };
    }
    await sleep(delay, signal);
  }
  throw invalid('wait canceled');
}
