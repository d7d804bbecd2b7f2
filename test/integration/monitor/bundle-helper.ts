/**
 * A busybox OCI bundle for monitor tests, independent of the product's spec generator:
 * rootfs = /bin/busybox + applet symlinks; config.json = `runc spec`, patched.
 * Every container and conmon started through `Fixture` is removed by id / pid in cleanup().
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { Runc } from '../../../src/runtime/runc/runc.js';
import type { StartMonitorOptions } from '../../../src/runtime/monitor/start-monitor.js';

export const RUNC = '/usr/sbin/runc';
const APPLETS = ['sh', 'echo', 'cat', 'tty', 'stty', 'sleep', 'ls', 'true', 'seq', 'head', 'yes'];

export interface BundleSpec {
  args: string[];
  terminal?: boolean;
}

export class Fixture {
  readonly dir = mkdtempSync(join(tmpdir(), 'bmon-'));
  readonly rootfs = join(this.dir, 'rootfs');
  readonly runc = new Runc({ binary: RUNC, root: join(this.dir, 'runc') });
  private ids: string[] = [];
  private pids: number[] = [];

  constructor() {
    mkdirSync(join(this.rootfs, 'bin'), { recursive: true });
    copyFileSync('/bin/busybox', join(this.rootfs, 'bin', 'busybox'));
    for (const a of APPLETS) symlinkSync('busybox', join(this.rootfs, 'bin', a));
    for (const d of ['proc', 'dev', 'sys', 'tmp', 'etc']) mkdirSync(join(this.rootfs, d), { recursive: true });
    execFileSync(RUNC, ['spec', '--bundle', this.dir]);
  }

  /** A bundle dir named `name` (optionally deep, to exceed the 107-byte socket path limit). */
  bundle(name: string, spec: BundleSpec): string {
    const dir = join(this.dir, name);
    mkdirSync(dir, { recursive: true });
    const cfg = JSON.parse(readFileSync(join(this.dir, 'config.json'), 'utf8'));
    cfg.root = { path: this.rootfs, readonly: true };
    cfg.process.args = spec.args;
    cfg.process.terminal = spec.terminal ?? false;
    if (spec.terminal) cfg.process.consoleSize = { height: 24, width: 80 };
    cfg.hostname = 'bmon';
    writeFileSync(join(dir, 'config.json'), JSON.stringify(cfg));
    return dir;
  }

  /** A runtime-spec process for `exec`, based on the generated config. */
  processSpec(args: string[], terminal = false): Record<string, unknown> {
    const cfg = JSON.parse(readFileSync(join(this.dir, 'config.json'), 'utf8'));
    return { ...cfg.process, args, terminal, ...(terminal ? { consoleSize: { height: 24, width: 80 } } : {}) };
  }

  id(): string {
    const id = `bmon-${randomBytes(4).toString('hex')}`;
    this.ids.push(id);
    return id;
  }

  trackPid(pid: number | undefined): void { if (pid) this.pids.push(pid); }

  /** Options for startMonitor with everything under the bundle dir. */
  monitorOptions(id: string, bundleDir: string, extra: Partial<StartMonitorOptions> = {}): StartMonitorOptions {
    return {
      id,
      bundleDir,
      runtimeRoot: this.runc.root,
      runtimePath: RUNC,
      exitDir: join(bundleDir, 'exits'),
      persistDir: join(bundleDir, 'persist'),
      logPath: join(bundleDir, 'ctr.log'),
      ...extra,
    };
  }

  async cleanup(): Promise<void> {
    for (const id of this.ids) await this.runc.delete(id, { force: true }).catch(() => undefined);
    for (const pid of this.pids) { try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ } }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Wait until `pred` holds (polling), or fail after `ms`. */
export async function until(pred: () => boolean | Promise<boolean>, ms = 10_000, what = 'condition'): Promise<void> {
  const end = Date.now() + ms;
  while (!(await pred())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A Writable that collects text. */
export function collector(): { stream: Writable; text: () => string } {
  const chunks: Buffer[] = [];
  const stream = new Writable({ write(c: Buffer, _e, cb) { chunks.push(c); cb(); } });
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}
