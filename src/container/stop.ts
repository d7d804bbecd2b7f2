/**
 * stop, kill, restart, pause, unpause, with docker's semantics: stop sends the stop signal, waits
 * the timeout, then SIGKILL; a container stopped by the user is not restarted by its policy.
 */
import { waitExit } from '../runtime/monitor/index.js';
import { conflict, invalid } from '../lib/errors.js';
import type { ContainerDeps } from './runtime-deps.js';
import { containerEvent } from './container-store.js';
import { setStatus, type ContainerRecord } from './record.js';
import { syncState, syncRecord } from './reconcile.js';
import { signalNumber } from './signals.js';

function notRunning(rec: ContainerRecord) {
  return conflict(`Container ${rec.Id} is not running`);
}

export async function killContainer(deps: ContainerDeps, ref: string, signal = 'KILL'): Promise<ContainerRecord> {
  const found = await deps.store.resolve(ref);
  const rec = await syncState(deps, found.Id);
  if (!rec.State.Running) throw notRunning(rec);
  if (rec.State.Restarting) throw conflict(`Container ${rec.Id} is restarting, wait until the container is running`);
  const num = signalNumber(signal);
  await deps.store.update(rec.Id, (r) => { r.berth.manuallyStopped = true; });
  await deps.runc.kill(rec.Id, String(num), { all: false });
  await deps.store.events.append(containerEvent('kill', rec, { signal: String(num) }));
  if (num === 9) await waitGone(deps, rec, 10_000);
  return syncState(deps, rec.Id);
}

async function waitGone(deps: ContainerDeps, rec: ContainerRecord, timeoutMs: number): Promise<boolean> {
  const st = await waitExit(deps.store.paths.exitDirs(rec.Id), rec.Id, { timeoutMs }).catch(() => undefined);
  return st !== undefined;
}

/** Returns false when the container was not running (docker answers 304 and the CLI still prints the name). */
export async function stopContainer(deps: ContainerDeps, ref: string, opts: { timeout?: number; signal?: string } = {}): Promise<boolean> {
  const found = await deps.store.resolve(ref);
  let rec = await syncState(deps, found.Id);
  if (!rec.State.Running) return false;
  if (rec.State.Restarting) {
    const cancelled = await cancelRestart(deps, rec.Id);
    if (cancelled) return true;
    rec = await syncState(deps, rec.Id); // the restart won the lock: stop the new run
    if (!rec.State.Running) return false;
  }
  await deps.store.update(rec.Id, (r) => { r.berth.manuallyStopped = true; });
  if (rec.State.Paused) await deps.runc.resume(rec.Id).catch(() => undefined);
  const sig = signalNumber(opts.signal ?? rec.Config.StopSignal ?? 'TERM');
  const timeout = opts.timeout ?? rec.Config.StopTimeout ?? 10;
  await deps.runc.kill(rec.Id, String(sig)).catch(() => undefined);
  await deps.store.events.append(containerEvent('kill', rec, { signal: String(sig) }));
  if (!(timeout >= 0 && await waitGone(deps, rec, timeout * 1000))) {
    await deps.runc.kill(rec.Id, '9', { all: true }).catch(() => undefined);
    await deps.store.events.append(containerEvent('kill', rec, { signal: '9' }));
    await waitGone(deps, rec, 30_000);
  }
  rec = await syncState(deps, rec.Id);
  await deps.store.events.append(containerEvent('stop', rec));
  return true;
}

/**
 * Stop a container waiting out its restart backoff: no process to signal, so mark it stopped by the
 * user; the exit-command process sees that after its backoff and does not start it. Under the
 * container lock, so a restart in progress finishes first (then false: the caller stops the new run).
 */
export async function cancelRestart(deps: ContainerDeps, id: string): Promise<ContainerRecord | undefined> {
  return deps.store.withContainerLock(id, async () => {
    const rec = await syncState(deps, id);
    if (rec.State.Status !== 'restarting') return undefined;
    const updated = await deps.store.update(id, (r) => { setStatus(r.State, 'exited'); r.berth.manuallyStopped = true; r.berth.restartPid = undefined; });
    await deps.store.events.append(containerEvent('stop', updated));
    return updated;
  });
}

export async function pauseContainer(deps: ContainerDeps, ref: string): Promise<void> {
  const rec = await syncState(deps, (await deps.store.resolve(ref)).Id);
  if (!rec.State.Running) throw notRunning(rec);
  if (rec.State.Restarting) throw conflict(`Container ${rec.Id} is restarting, wait until the container is running`);
  if (rec.State.Paused) throw conflict(`Container ${rec.Id} is already paused`);
  await deps.runc.pause(rec.Id);
  const updated = await deps.store.update(rec.Id, (r) => setStatus(r.State, 'paused'));
  await deps.store.events.append(containerEvent('pause', updated));
}

export async function unpauseContainer(deps: ContainerDeps, ref: string): Promise<void> {
  const rec = await syncState(deps, (await deps.store.resolve(ref)).Id);
  if (!rec.State.Paused) throw conflict(`Container ${rec.Id} is not paused`);
  await deps.runc.resume(rec.Id);
  const updated = await deps.store.update(rec.Id, (r) => setStatus(r.State, 'running'));
  await deps.store.events.append(containerEvent('unpause', updated));
}

export function validateStopTimeout(t: number | undefined): void {
  if (t !== undefined && !Number.isInteger(t)) throw invalid(`invalid stop timeout: ${t}`);
}

export { syncRecord };
