/**
 * Create a container under conmon. conmon runs `runc create`, then reports over the sync pipe:
 * `{"data": <pid>}` once the container exists (runc state `created`), or `{"data": -1,
 * "message": <runc stderr>}` on failure, which we classify like any runc error (so a missing
 * executable is INVALID_ARGUMENT with detail.exitCode 127).
 *
 * Attach-before-start (docker `run`, podman `--attach`): after startMonitor resolves the process
 * is parked in runc's init until `runc start`, and conmon already listens on the attach socket.
 * The caller attaches, then runs `Runc.start` — no output is lost and no start pipe is needed.
 */
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { EngineError, isEngineError } from '../../lib/errors.js';
import { classifyRuncError, runcErrorMessage } from '../runc/runc-errors.js';
import { Runc } from '../runc/runc.js';
import { conmonPidFileOf, createArgs, DEFAULT_CONMON, type ConmonCreateOptions } from './conmon-args.js';
import { clearExit } from './exit-file.js';
import { conmonFailure, killPid, readPidFile, spawnConmon } from './spawn-conmon.js';
import { SyncReader } from './sync-pipe.js';

export interface StartMonitorOptions extends ConmonCreateOptions {
  /** @default /usr/bin/conmon */
  conmonPath?: string;
  /** How long to wait for `runc create` (podman: 240 s). @default 240000 */
  timeoutMs?: number;
}

export interface MonitorInfo {
  id: string;
  /** Host pid of the container's init process. */
  containerPid: number;
  /** The long-lived conmon (from --conmon-pidfile). */
  conmonPid: number | undefined;
  attachPath: string;
  ctlPath: string;
}

export async function startMonitor(opts: StartMonitorOptions): Promise<MonitorInfo> {
  await Promise.all([mkdir(opts.exitDir, { recursive: true }), mkdir(opts.persistDir, { recursive: true })]);
  // A restart reuses these dirs: a stale exit file would read as "already exited".
  await clearExit({ exitDir: opts.exitDir, persistDir: opts.persistDir }, opts.id);
  await rm(conmonPidFileOf(opts), { force: true });
  const conmon = opts.conmonPath ?? DEFAULT_CONMON;
  const spawned = spawnConmon(conmon, createArgs(opts), opts.bundleDir, ['sync']);
  const sync = new SyncReader(spawned.pipes.sync!, 'sync');
  try {
    const parent = await spawned.parentExit;
    const msg = await sync.next(opts.timeoutMs ?? 240_000);
    const conmonPid = await readPidFile(conmonPidFileOf(opts));
    if (!msg) throw conmonFailure(parent.stderr, `conmon exited (${parent.code}) without reporting the container`);
    if (msg.data < 0) {
      await cleanupFailedCreate(opts);
      throw classifyRuncError('create', runcErrorMessage(msg.message ?? ''));
    }
    return {
      id: opts.id,
      containerPid: msg.data,
      conmonPid,
      attachPath: join(opts.bundleDir, 'attach'),
      ctlPath: join(opts.bundleDir, 'ctl'),
    };
  } catch (err) {
    if (isEngineError(err, 'DEADLINE_EXCEEDED')) {
      killPid(await readPidFile(conmonPidFileOf(opts)));
      await cleanupFailedCreate(opts);
    }
    throw err instanceof EngineError ? err : new EngineError('INTERNAL', String(err), { cause: err });
  } finally {
    sync.close();
  }
}

/** conmon exits without removing its endpoints when create fails; runc may keep a half state. */
async function cleanupFailedCreate(opts: StartMonitorOptions): Promise<void> {
  const runc = new Runc({ binary: opts.runtimePath, root: opts.runtimeRoot });
  await runc.delete(opts.id, { force: true }).catch(() => undefined);
  await Promise.all(['attach', 'ctl', 'winsz'].map((f) => rm(join(opts.bundleDir, f), { force: true })));
}
