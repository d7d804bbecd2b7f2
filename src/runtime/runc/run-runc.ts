/**
 * Spawning runc: one helper that captures output, turns spawn failures and non-zero exits into
 * classified EngineErrors, and strips variables that must not leak into the runtime.
 */
import { spawn } from 'node:child_process';
import { EngineError, errnoCode } from '../../lib/errors.js';
import { classifyRuncError, runcErrorMessage, type RuncOp } from './runc-errors.js';

export interface RunResult { stdout: string; stderr: string; code: number }

/** The environment for runtime processes: NOTIFY_SOCKET belongs to whoever started us, not to runc. */
export function runtimeEnv(extra?: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  delete env.NOTIFY_SOCKET;
  return env;
}

/** A failure to start the binary at all (missing, not executable): not a runc error. */
export function spawnError(binary: string, err: unknown): EngineError {
  const code = errnoCode(err);
  if (code === 'ENOENT') return new EngineError('UNAVAILABLE', `${binary} not found`, { cause: err });
  if (code === 'EACCES' || code === 'EPERM') return new EngineError('PERMISSION_DENIED', `cannot execute ${binary}`, { cause: err });
  return new EngineError('INTERNAL', `cannot run ${binary}: ${String(err)}`, { cause: err });
}

/** Run `binary args…` to completion; a non-zero exit rejects with classifyRuncError(op, …). */
export function runRunc(binary: string, op: RuncOp, args: string[], opts: { signal?: AbortSignal } = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'], env: runtimeEnv(), signal: opts.signal });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e) => {
      if (errnoCode(e) === 'ABORT_ERR') reject(new EngineError('CANCELED', `runc ${op} canceled`, { cause: e }));
      else reject(spawnError(binary, e));
    });
    child.on('close', (code, sig) => {
      const stdout = Buffer.concat(out).toString('utf8');
      const stderr = Buffer.concat(err).toString('utf8');
      if (code === 0) return resolve({ stdout, stderr, code });
      const msg = sig ? `runc ${op} killed by ${sig}` : runcErrorMessage(stderr);
      reject(classifyRuncError(op, msg));
    });
  });
}
