/**
 * POST /exec/{id}/start under conmon's exec mode (execWithMonitor): the session outlives the
 * caller, attaches before the process runs so no output is lost, and conmon's exit command
 * (`berth container exec-cleanup ID`) records the exit when nobody is attached.
 * Start failures keep docker's exit codes: 127 not found, 126 cannot invoke or anything else.
 */
import { EngineError, conflict, isEngineError } from '../lib/errors.js';
import { execWithMonitor, type ExecSession } from '../runtime/monitor/index.js';
import type { AttachHandle, AttachStreams, ExecStartOptions } from '../types/container.js';
import type { ContainerDeps } from './runtime-deps.js';
import { containerEvent } from './container-store.js';
import { syncState } from './reconcile.js';
import { attachSocket } from './start.js';
import { execAction, execDirs, findExec, updateExec, type ExecRecord } from './exec-record.js';
import { assertActive } from './exec-create.js';
import { execProcess } from './exec-spec.js';
import { recordExecExit } from './exec-state.js';

/** dockerd's default when a start fails without a classified code (EACCES). */
const EXIT_CANNOT_INVOKE = 126;

export async function execStart(deps: ContainerDeps, execId: string, opts: ExecStartOptions = {}): Promise<{ attach?: AttachHandle }> {
  const { store } = deps;
  const found = await findExec(store, execId);
  const ctr = await syncState(deps, found.ContainerID);
  assertActive(ctr, ctr.Id);
  const ex = await updateExec(store, found, (r) => {
    if (r.ExitCode !== null) throw conflict(`exec command ${r.ID} has already run`);
    if (r.started) throw conflict(`exec command ${r.ID} is already running`);
    r.started = true;
  });
  await store.events.append(containerEvent(execAction('exec_start', ex), ctr, { execID: ex.ID }));
  const streams = !opts.detach && opts.attach ? pick(ex, opts.attach) : undefined;
  const tty = ex.ProcessConfig.tty;
  let handle: AttachHandle | undefined;
  let session: ExecSession;
  try {
    const process = await execProcess(deps, ctr, ex, opts.consoleSize);
    const { bundleDir, exitDir, persistDir } = execDirs(store.paths, ctr.Id, ex.ID);
    session = await execWithMonitor({
      id: ctr.Id, uuid: ex.ID, name: ctr.Name.slice(1), bundleDir, exitDir, persistDir, runtimeRoot: store.paths.runcRoot,
      terminal: tty, stdin: streams?.stdin !== undefined, process: process as unknown as Record<string, unknown>, attach: streams !== undefined,
      exitCommand: { path: deps.berthCommand[0]!, args: [...deps.berthCommand.slice(1), 'container', 'exec-cleanup', ex.ID] },
    }, async ({ attachPath }) => { handle = await attachSocket(attachPath, streams!, tty); });
  } catch (err) {
    handle?.close();
    throw await startFailed(deps, ex, err);
  }
  await updateExec(store, ex, (r) => { r.Pid = session.pid; r.conmonPid = session.conmonPid; }).catch(() => undefined);
  // a released session settles with -1 ("still running"): only a real code is recorded
  const exited = session.exitCode.then((code) => (code >= 0 ? recordExecExit(deps, ex, code) : undefined)).catch(() => undefined);
  if (!handle) {
    session.release();
    return {};
  }
  const h = handle;
  // conmon closes attach clients before the exit code is out: an 'eof' waits for it, so an
  // inspect right after the stream ends (the docker CLI's exit status) finds the code recorded
  const done = h.done.then(async (end) => {
    if (end === 'eof') {
      await exited;
      return end;
    }
    session.release(); // detached or closed: the process runs on, nobody here waits for it
    if (end === 'detached') await store.events.append(containerEvent('exec_detach', ctr, { execID: ex.ID })).catch(() => undefined);
    return end;
  });
  return { attach: { done, close: () => h.close() } };
}

/** Only the streams the exec was created to attach (docker's OpenStdin/OpenStdout/OpenStderr). */
function pick(ex: ExecRecord, s: AttachStreams): AttachStreams | undefined {
  const out: AttachStreams = {
    stdin: ex.OpenStdin ? s.stdin : undefined, stdout: ex.OpenStdout ? s.stdout : undefined,
    stderr: ex.OpenStderr ? s.stderr : undefined,
    detachKeys: s.detachKeys ?? (ex.DetachKeys || undefined), onDetach: s.onDetach,
  };
  return out.stdin || out.stdout || out.stderr ? out : undefined;
}

/** Record the failed start's exit code and return the error to throw, worded as docker's. */
async function startFailed(deps: ContainerDeps, ex: ExecRecord, err: unknown): Promise<unknown> {
  if (!isEngineError(err)) return err;
  const classified = typeof err.detail?.exitCode === 'number' ? err.detail.exitCode : undefined;
  const exitCode = classified ?? EXIT_CANNOT_INVOKE;
  await updateExec(deps.store, ex, (r) => { if (r.ExitCode === null) r.ExitCode = exitCode; }).catch(() => undefined);
  // runc's text, with the wrapping containerd gives it in docker's output
  const message = err.detail?.op === 'exec' ? `OCI runtime exec failed: ${err.message}: unknown` : err.message;
  return new EngineError(err.code, message, { cause: err, detail: { ...err.detail, exitCode } });
}
