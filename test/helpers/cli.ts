/**
 * Drive the real CLI (bin/berth.js → dist/) on a temp root, or docker when TEST_TARGET=docker.
 * Each test makes its own root and removes it afterwards.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const REPO = resolve(import.meta.dirname, '../..');
export const BERTH = join(REPO, 'bin', 'berth.js');
export const TARGET = process.env.TEST_TARGET === 'docker' ? 'docker' : 'berth';

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  input?: string | Buffer;
  env?: Record<string, string>;
  timeoutMs?: number;
}

/** The test process's environment minus a developer's DOCKER_HOST, which would send berth remote. */
export function baseEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  if (TARGET === 'berth') delete env.DOCKER_HOST;
  return env;
}

export function makeRoot(prefix = 'berth-e2e-'): { root: string; cleanup: () => void } {
  const root = mkdtempSync(join(tmpdir(), prefix));
  return { root, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

/** Run `berth ARGS` with BERTH_ROOT=root; resolves with exit code and output (never rejects on status). */
export function berth(root: string, args: string[], opts: RunOptions = {}): Promise<RunResult> {
  const [cmd, argv] = TARGET === 'docker' ? ['docker', args] : [process.execPath, [BERTH, ...args]];
  return collect(cmd, argv, { ...baseEnv(), BERTH_ROOT: root, NO_COLOR: '1', ...opts.env }, opts.input, opts.timeoutMs);
}

/** Spawn, feed `input`, collect stdout/stderr; resolves with the exit code (128 when signalled), SIGKILL after the timeout. */
export function collect(cmd: string, argv: string[], env: NodeJS.ProcessEnv, input: string | Buffer = '', timeoutMs = 60_000): Promise<RunResult> {
  return new Promise((res, rej) => {
    const child = spawn(cmd, argv, { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', rej);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      res({ code: code ?? (signal ? 128 : -1), stdout, stderr });
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(input);
  });
}

/** berth() that must succeed; throws with stderr otherwise. */
export async function ok(root: string, args: string[], opts?: RunOptions): Promise<string> {
  const r = await berth(root, args, opts);
  if (r.code !== 0) throw new Error(`berth ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  return r.stdout;
}
