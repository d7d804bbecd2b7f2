/**
 * `exec` under conmon (podman libpod/oci_conmon_exec_common.go startExec + attachToExec), chosen
 * over a foreground `runc exec -t` under node-pty because the session then behaves like a
 * container: it outlives the CLI or API server, uses the same attach socket, ctl resize and exit
 * file, and needs no pty in our process. The handshake, with fds 3/4/5 = sync/start/attach:
 *   1. we write a byte on the start pipe (conmon's main blocks on it before forking);
 *   2. conmon creates `attach`, `ctl`, `winsz` in the session dir and writes `{"data": 0}` on
 *      the attach pipe;
 *   3. `beforeStart` runs: the caller attaches and sets the initial size;
 *   4. a second start byte lets conmon's child run `runc exec --detach --process …`;
 *   5. the sync pipe brings `{"data": pid}` (or a negative value + runc's message), then
 *      `{"data": <exit code>}` when the process ends (also written to `<exitDir>/<id>`).
 * Without `attach` there is no attach pipe and no pause between 1 and 4 (`docker exec -d`).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import { EngineError } from '../../lib/errors.js';
import { classifyRuncError, runcErrorMessage } from '../runc/runc-errors.js';
import { commonArgs, conmonPidFileOf, DEFAULT_CONMON, tailArgs, type ConmonCommon } from './conmon-args.js';
import { readExit } from './exit-file.js';
import { conmonFailure, killPid, readPidFile, spawnConmon } from './spawn-conmon.js';
import { SyncReader, type SyncMessage } from './sync-pipe.js';

export interface ExecMonitorOptions extends ConmonCommon {
  /** `id` is the container; `uuid` names the session; `bundleDir` is the session's own dir and
   *  `exitDir` must be per session too (conmon names the exit file after the container id). */
  process: Record<string, unknown>;
  /** k8s-file log for the session; @default none */
  logPath?: string;
  /** Pause for `beforeStart` so an attach sees all output. @default true */
  attach?: boolean;
  conmonPath?: string;
  /** @default 240000 */
  timeoutMs?: number;
}

export interface ExecEndpoints { attachPath: string; ctlPath: string }

export interface ExecSession extends ExecEndpoints {
  pid: number;
  conmonPid: number | undefined;
  /** The process's exit code; keeps the event loop alive until then unless release() is called. */
  exitCode: Promise<number>;
  /** Stop listening (a detached exec). exitCode then settles from the exit file, or -1 while the
   *  process still runs: read it later with readExit({ exitDir, persistDir }, id). */
  release(): void;
}

const byte = Buffer.from([0]);

export async function execWithMonitor(
  opts: ExecMonitorOptions,
  beforeStart?: (endpoints: ExecEndpoints) => Promise<void>,
): Promise<ExecSession> {
  const attach = opts.attach ?? true;
  const timeout = opts.timeoutMs ?? 240_000;
  await Promise.all([opts.bundleDir, opts.exitDir, opts.persistDir].map((d) => mkdir(d, { recursive: true })));
  const specPath = join(opts.bundleDir, 'process.json');
  await writeFile(specPath, JSON.stringify(opts.process), { mode: 0o600 });
  const args = [...commonArgs(opts), '-l', opts.logPath ? `k8s-file:${opts.logPath}` : 'none', ...tailArgs(opts), '-e', '--exec-process-spec', specPath];
  if (attach) args.push('--exec-attach');
  const spawned = spawnConmon(opts.conmonPath ?? DEFAULT_CONMON, args, opts.bundleDir, attach ? ['sync', 'start', 'attach'] : ['sync', 'start']);
  const { start } = spawned.pipes as Record<'start', Duplex>;
  const sync = new SyncReader(spawned.pipes.sync!, 'sync');
  const attachPipe = attach ? new SyncReader(spawned.pipes.attach!, 'attach') : undefined;
  const endpoints = { attachPath: join(opts.bundleDir, 'attach'), ctlPath: join(opts.bundleDir, 'ctl') };
  const release = () => { sync.close(); attachPipe?.close(); start.destroy(); };
  try {
    start.write(byte);
    if (attachPipe) {
      const ready = await attachPipe.next(timeout);
      if (ready?.data !== 0) throw failure(ready ?? (await sync.next(timeout)), (await spawned.parentExit).stderr);
      try {
        await beforeStart?.(endpoints);
      } catch (err) {
        // conmon's child would run the process on any wake-up of the start pipe, even EOF: kill it.
        killPid(await readPidFile(conmonPidFileOf(opts)));
        throw err;
      }
      start.write(byte);
    }
    const started = await sync.next(timeout);
    if (!started || started.data <= 0) throw failure(started, (await spawned.parentExit).stderr);
    const conmonPid = await readPidFile(conmonPidFileOf(opts));
    const exitCode = sync.next(Infinity).then(async (m) => m?.data ?? (await readExit(opts, opts.id))?.exitCode ?? -1);
    exitCode.catch(() => undefined);
    exitCode.finally(release).catch(() => undefined);
    return { ...endpoints, pid: started.data, conmonPid, exitCode, release };
  } catch (err) {
    release();
    throw err;
  }
}

function failure(msg: SyncMessage | undefined, stderr: string): EngineError {
  if (msg?.message) return classifyRuncError('exec', runcErrorMessage(msg.message));
  return conmonFailure(stderr, 'conmon exited without starting the exec session');
}
