/**
 * A thin adapter over the runc CLI (`runc --root <dir> …`). Containers are created by conmon
 * (src/runtime/monitor), which runs `runc create`; everything after that goes through here.
 * Every failure is classified once (runc-errors.ts) so callers branch on EngineError codes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { constants as osConstants, tmpdir } from 'node:os';
import { join } from 'node:path';
import { isEngineError } from '../../lib/errors.js';
import { runRunc, runtimeEnv, spawnError, type RunResult } from './run-runc.js';
import { classifyRuncError, runcErrorMessage, type RuncOp } from './runc-errors.js';
import type { RuncExecOptions, RuncState, RuncStats } from './types.js';
import type { LinuxResources } from '../spec/types.js';

export const DEFAULT_RUNC = '/usr/sbin/runc';

export interface RuncOptions {
  /** @default /usr/sbin/runc */
  binary?: string;
  /** State directory (`runc --root`). */
  root: string;
}

/** A foreground `runc exec`: `exited` resolves with the process's exit code. */
export interface RuncExecProcess {
  child: ChildProcess;
  exited: Promise<number>;
}

export class Runc {
  readonly binary: string;
  readonly root: string;

  constructor(opts: RuncOptions) {
    this.binary = opts.binary ?? DEFAULT_RUNC;
    this.root = opts.root;
  }

  /** Global flags; json logs make runc's errors machine-readable (runc-errors.ts). */
  globalArgs(): string[] {
    return ['--root', this.root, '--log-format', 'json'];
  }

  private run(op: RuncOp, args: string[], signal?: AbortSignal): Promise<RunResult> {
    return runRunc(this.binary, op, [...this.globalArgs(), ...args], { signal });
  }

  /** The container's runc state, or undefined when runc does not know it. */
  async state(id: string): Promise<RuncState | undefined> {
    try {
      return JSON.parse((await this.run('state', ['state', id])).stdout) as RuncState;
    } catch (err) {
      if (isEngineError(err, 'NOT_FOUND')) return undefined;
      throw err;
    }
  }

  async list(): Promise<RuncState[]> {
    const out = (await this.run('list', ['list', '--format', 'json'])).stdout.trim();
    return out === '' || out === 'null' ? [] : (JSON.parse(out) as RuncState[]);
  }

  async start(id: string): Promise<void> { await this.run('start', ['start', id]); }

  /** Signal by name ("KILL", "SIGTERM") or number; `all` signals every process in the container. */
  async kill(id: string, signal: string | number = 'TERM', opts: { all?: boolean } = {}): Promise<void> {
    await this.run('kill', ['kill', ...(opts.all ? ['--all'] : []), id, String(signal)]);
  }

  async delete(id: string, opts: { force?: boolean } = {}): Promise<void> {
    // runc keeps a container's state in <root>/<id>; `delete --force` of an id without that dir
    // succeeds having done nothing, so skip the spawn (start and rm call this on every container)
    if (opts.force && !existsSync(join(this.root, id))) return;
    await this.run('delete', ['delete', ...(opts.force ? ['--force'] : []), id]);
  }

  async pause(id: string): Promise<void> { await this.run('pause', ['pause', id]); }

  async resume(id: string): Promise<void> { await this.run('resume', ['resume', id]); }

  /** Host pids of the container's processes. */
  async ps(id: string): Promise<number[]> {
    const out = (await this.run('ps', ['ps', '--format', 'json', id])).stdout.trim();
    return out === '' || out === 'null' ? [] : (JSON.parse(out) as number[]);
  }

  /**
   * Change a live container's cgroup limits (`runc update --resources FILE`). Fields left out keep
   * their value: runc writes only non-zero settings.
   */
  async update(id: string, resources: LinuxResources): Promise<void> {
    const dir = await mkdtemp(join(tmpdir(), 'berth-runc-update-'));
    try {
      const file = join(dir, 'resources.json');
      await writeFile(file, JSON.stringify(resources), { mode: 0o600 });
      await this.run('update', ['update', '--resources', file, id]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  /** One-shot cgroup statistics (`runc events --stats`). */
  async stats(id: string): Promise<RuncStats> {
    const out = (await this.run('events', ['events', '--stats', id])).stdout.trim();
    const event = JSON.parse(out.split('\n')[0] ?? '{}') as { type?: string; data?: RuncStats };
    return event.data ?? {};
  }

  /**
   * Foreground `runc exec`. `exited` resolves with the process's exit code, or rejects with a
   * classified error when runc itself failed (exit 255 plus a json error line on stderr, e.g.
   * "executable file not found" → INVALID_ARGUMENT with detail.exitCode 127).
   */
  exec(id: string, opts: RuncExecOptions): RuncExecProcess {
    const args = ['exec'];
    if (opts.tty) args.push('--tty');
    if (opts.detach) args.push('--detach');
    if (opts.pidFile) args.push('--pid-file', opts.pidFile);
    if (opts.cwd) args.push('--cwd', opts.cwd);
    if (opts.user) args.push('--user', opts.user);
    for (const e of opts.env ?? []) args.push('--env', e);
    if (opts.processPath) args.push('--process', opts.processPath, id);
    else args.push(id, ...(opts.args ?? []));
    const child = spawn(this.binary, [...this.globalArgs(), ...args], { stdio: opts.stdio ?? ['pipe', 'pipe', 'pipe'], env: runtimeEnv() });
    // Keep a short tail of stderr (without consuming it for the caller) to classify runc failures.
    let tail = '';
    child.stderr?.on('data', (b: Buffer) => { tail = (tail + b.toString('utf8')).slice(-8192); });
    const exited = new Promise<number>((resolve, reject) => {
      child.on('error', (e) => reject(spawnError(this.binary, e)));
      child.on('close', (code, sig) => {
        if (code === 255 && /"level":"(error|fatal)"/.test(tail)) reject(classifyRuncError('exec', runcErrorMessage(tail)));
        else resolve(code ?? 128 + signalNumber(sig));
      });
    });
    return { child, exited };
  }
}

function signalNumber(sig: NodeJS.Signals | null): number {
  return sig ? (osConstants.signals[sig] ?? 0) : 0;
}
