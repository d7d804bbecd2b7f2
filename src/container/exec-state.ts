/**
 * An exec's state reconciled with reality, as containers are (reconcile.ts): conmon's exit file
 * in the session dir holds the exit code; whoever sees it first records it and appends exec_die
 * (the attached CLI, conmon's exit command, or any inspect).
 */
import { readExit, resize } from '../runtime/monitor/index.js';
import { isEngineError } from '../lib/errors.js';
import { processAlive as pidAlive } from '../lib/process-alive.js';
import type { ExecInspect } from '../types/container.js';
import type { ContainerDeps } from './runtime-deps.js';
import { containerEvent } from './container-store.js';
import { syncState } from './reconcile.js';
import { execDirs, findExec, toInspect, updateExec, type ExecRecord } from './exec-record.js';
import { assertActive } from './exec-create.js';

/** Record the exit code once; the first recorder appends exec_die. */
export async function recordExecExit(deps: ContainerDeps, ex: ExecRecord, exitCode: number): Promise<ExecRecord> {
  let first = false;
  const rec = await updateExec(deps.store, ex, (r) => {
    if (r.ExitCode === null) r.ExitCode = exitCode;
    if (!r.dieRecorded) { r.dieRecorded = true; first = true; }
  });
  const ctr = first ? await deps.store.records.get(rec.ContainerID) : undefined;
  if (ctr) await deps.store.events.append(containerEvent('exec_die', ctr, { execID: rec.ID, exitCode: String(rec.ExitCode) }));
  return rec;
}

/** The record plus whether its process still runs. */
export async function syncExec(deps: ContainerDeps, ex: ExecRecord): Promise<{ rec: ExecRecord; running: boolean }> {
  if (!ex.started || ex.ExitCode !== null) return { rec: ex, running: false };
  const exit = await readExit(execDirs(deps.store.paths, ex.ContainerID, ex.ID), ex.ContainerID);
  if (exit) return { rec: await recordExecExit(deps, ex, exit.exitCode), running: false };
  // started but no pid yet: the start is in flight in some process
  if (!ex.Pid) return { rec: ex, running: true };
  // a monitor that died without an exit file (killed, host rebooted) leaves the exit unknown
  return { rec: ex, running: pidAlive(ex.conmonPid ?? 0) };
}

export async function execInspect(deps: ContainerDeps, execId: string): Promise<ExecInspect> {
  const { rec, running } = await syncExec(deps, await findExec(deps.store, execId));
  return toInspect(rec, running);
}

export async function execResize(deps: ContainerDeps, execId: string, rows: number, cols: number): Promise<void> {
  const ex = await findExec(deps.store, execId);
  assertActive(await syncState(deps, ex.ContainerID), ex.ContainerID);
  await resize(execDirs(deps.store.paths, ex.ContainerID, ex.ID).bundleDir, rows, cols);
}

/** conmon's exit command for an exec session: the container may be gone already, which is fine. */
export async function cleanupExec(deps: ContainerDeps, execId: string): Promise<void> {
  try {
    await syncExec(deps, await findExec(deps.store, execId));
  } catch (err) {
    if (!isEngineError(err, 'NOT_FOUND')) throw err;
  }
}
