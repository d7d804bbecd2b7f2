/**
 * Every read reconciles a record with reality (podman's syncContainer): conmon's exit file and
 * `runc state` say whether a "running" container has exited while no berth process watched.
 * The first process to notice an exit handles it once: die event, unmount, runc delete.
 */
import { readExit } from '../runtime/monitor/index.js';
import type { ContainerDeps } from './runtime-deps.js';
import { containerEvent } from './container-store.js';
import { setStatus, type ContainerRecord } from './record.js';
import { unmountRootfs } from './rootfs.js';
import { processAlive } from '../lib/process-alive.js';
import { restartPending, shouldRestart } from './restart-policy.js';
import { releaseRunResources } from './host-resources.js';

export async function syncState(deps: ContainerDeps, id: string): Promise<ContainerRecord> {
  const rec = await deps.store.records.get(id);
  if (!rec) return (await deps.store.resolve(id)); // throws NOT_FOUND with docker's message
  return syncRecord(deps, rec);
}

export async function syncRecord(deps: ContainerDeps, rec: ContainerRecord): Promise<ContainerRecord> {
  const { store, runc } = deps;
  if (rec.State.Status === 'restarting') {
    // the exit command restarts it after the backoff; if that process died (reboot, kill), it is just exited
    if (restartPending(rec, processAlive)) return rec;
    return store.update(rec.Id, (r) => { if (r.State.Status === 'restarting') { setStatus(r.State, 'exited'); r.berth.restartPid = undefined; } });
  }
  const live = rec.State.Status === 'running' || rec.State.Status === 'paused';
  if (!live) return rec;
  const exit = await readExit(store.paths.exitDirs(rec.Id), rec.Id);
  let status: 'running' | 'paused' | 'exited' = rec.State.Status === 'paused' ? 'paused' : 'running';
  if (!exit) {
    const st = await runc.state(rec.Id).catch(() => undefined);
    if (st?.status === 'paused') status = 'paused';
    else if (st?.status === 'running' || st?.status === 'created') status = 'running';
    // conmon writes the exit file just after the process ends: while it lives, the exit is not recorded yet
    else if (processAlive(rec.berth.conmonPid)) return rec;
    else status = 'exited'; // gone without an exit record (monitor killed, host rebooted)
  } else {
    status = 'exited';
  }
  if (status !== 'exited') {
    if (status === rec.State.Status) return rec;
    return store.update(rec.Id, (r) => setStatus(r.State, status));
  }
  // with an exit file, conmon runs the exit command, which applies the restart policy
  return handleExit(deps, rec.Id, exit?.exitCode ?? 255, exit?.finishedAt ?? new Date(), exit?.oomKilled ?? false, exit !== undefined);
}

/** Record an exit once (whoever flips exitHandled does the side effects). */
export async function handleExit(deps: ContainerDeps, id: string, exitCode: number, finishedAt: Date, oom: boolean, exitCommandRuns = false): Promise<ContainerRecord> {
  const { store } = deps;
  let first = false;
  let exitedPid = 0;
  const rec = await store.update(id, (r) => {
    if (r.berth.exitHandled) return;
    first = true;
    exitedPid = r.State.Pid;
    setStatus(r.State, 'exited');
    Object.assign(r.State, { Pid: 0, ExitCode: exitCode, FinishedAt: finishedAt.toISOString(), OOMKilled: oom });
    r.berth.exitHandled = true;
    // "restarting" from the exit on, as dockerd: no reader ever sees it exited while a restart is due
    if (exitCommandRuns && shouldRestart(r)) { setStatus(r.State, 'restarting'); r.berth.restartPid = undefined; }
  });
  if (first) {
    unmountRootfs(store.paths, id);
    await deps.runc.delete(id, { force: true }).catch(() => undefined);
    // published ports and the bridge address of this run (a restart may already hold new ones)
    await releaseRunResources(deps, rec, exitedPid).catch(() => undefined);
    if (oom) await store.events.append(containerEvent('oom', rec));
    await store.events.append(containerEvent('die', rec, { exitCode: String(exitCode) }));
  }
  return rec;
}
