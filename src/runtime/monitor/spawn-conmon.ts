/**
 * Starting conmon so that it outlives us. conmon double-forks itself (without --sync) and calls
 * setsid(); we add `detached` so even the short-lived first process is out of our process
 * group (a ^C on the CLI's terminal never reaches it). Extra pipes become fds 3, 4, 5 in conmon
 * (Node creates them as AF_UNIX socket pairs) and are announced through _OCI_SYNCPIPE,
 * _OCI_STARTPIPE and _OCI_ATTACHPIPE, as podman does.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import type { Duplex } from 'node:stream';
import { EngineError } from '../../lib/errors.js';
import { runtimeEnv, spawnError } from '../runc/run-runc.js';

export type ConmonPipe = 'sync' | 'start' | 'attach';

const ENV: Record<ConmonPipe, string> = { sync: '_OCI_SYNCPIPE', start: '_OCI_STARTPIPE', attach: '_OCI_ATTACHPIPE' };

export interface SpawnedConmon {
  child: ChildProcess;
  pipes: Partial<Record<ConmonPipe, Duplex>>;
  /** The first conmon process exited (after forking the real monitor, or on a usage error). */
  parentExit: Promise<{ code: number | null; stderr: string }>;
}

export function spawnConmon(binary: string, args: string[], cwd: string, pipes: ConmonPipe[]): SpawnedConmon {
  const env = runtimeEnv();
  pipes.forEach((p, i) => { env[ENV[p]] = String(3 + i); });
  const child = spawn(binary, args, {
    cwd,
    detached: true,
    // conmon reopens its stdio on /dev/null after forking; stderr catches usage errors before that.
    stdio: ['ignore', 'ignore', 'pipe', ...pipes.map(() => 'pipe' as const)],
    env,
  });
  const ends: Partial<Record<ConmonPipe, Duplex>> = {};
  pipes.forEach((p, i) => { ends[p] = child.stdio[3 + i] as Duplex; });
  const parentExit = new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
    let stderr = '';
    let stderrDone = false;
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (s: string) => { stderr = (stderr + s).slice(-8192); });
    child.stderr?.on('close', () => { stderrDone = true; });
    child.on('error', (e) => reject(spawnError(binary, e)));
    // Not 'close': that waits for every stdio pipe, and the forked monitor keeps the sync pipe.
    // stderr does close promptly (conmon reopens it on /dev/null), so give it a moment to drain.
    child.on('exit', (code) => {
      const give = Date.now() + 1000;
      const check = () => (stderrDone || Date.now() > give ? resolve({ code, stderr }) : setTimeout(check, 5));
      check();
    });
  });
  // An unobserved rejection must not crash the process; callers await parentExit themselves.
  parentExit.catch(() => undefined);
  child.unref();
  return { child, pipes: ends, parentExit };
}

/** conmon's own error lines look like `[conmon:e]: Failed to … <strerror>`. */
export function conmonFailure(stderr: string, fallback: string): EngineError {
  const lines = stderr.split('\n').map((l) => l.trim()).filter(Boolean);
  const msg = lines.map((l) => l.replace(/^\[conmon:\w\]:\s*/, '')).join('; ');
  return new EngineError('INTERNAL', msg ? `conmon: ${msg}` : fallback, { detail: { conmonStderr: stderr } });
}

export async function readPidFile(path: string): Promise<number | undefined> {
  try {
    const n = Number.parseInt((await readFile(path, 'utf8')).trim(), 10);
    return Number.isFinite(n) && n > 0 ? n : undefined;
  } catch {
    return undefined;
  }
}

/** SIGKILL a conmon we gave up on, by pid; its runtime child dies with it (PDEATHSIG). */
export function killPid(pid: number | undefined): void {
  if (!pid) return;
  try { process.kill(pid, 'SIGKILL'); } catch { /* already gone */ }
}
