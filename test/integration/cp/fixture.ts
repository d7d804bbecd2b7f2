/**
 * A state root with the demo image and containers for the filesystem verbs, plus a "victim":
 * a directory on the host right beside a container's rootfs, on its own tmpfs mounted with
 * strictatime, so any read of it (file contents or a directory listing) moves an atime that the
 * tests pinned in the past. Escape tests check the victim is neither written nor read.
 */
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { expect } from 'vitest';
import { createEngine } from '../../../src/engine/create-engine.js';
import type { Engine } from '../../../src/engine/engine.js';
import { mount, umount, MNT_DETACH } from '../../../src/lib/native.js';
import { collect } from '../../helpers/tar.js';

const MS_STRICTATIME = 1 << 24;
const PAST = new Date('2001-02-03T04:05:06Z');
export const SECRET = 'TOPSECRET-victim-content';

export class CpFixture {
  readonly victims: string[] = [];
  readonly containers: string[] = [];

  private constructor(readonly root: string, readonly engine: Engine) {}

  static async create(): Promise<CpFixture> {
    const root = mkdtempSync(join(tmpdir(), 'berth-cp-'));
    const engine = await createEngine({ root });
    await engine.createDemoImage('busybox:latest');
    return new CpFixture(root, engine);
  }

  rootfs(id: string): string { return join(this.root, 'containers', id, 'rootfs'); }

  upper(id: string): string { return join(this.root, 'containers', id, 'diff'); }

  /**
   * A container of `sh -c script`: running (then sleeping), stopped (created, never started) or
   * exited. `prepare` runs between create and start, e.g. to plant files in the upper dir.
   */
  async container(name: string, script: string, state: 'running' | 'stopped' | 'exited', prepare?: (id: string) => void): Promise<string> {
    const cmd = state === 'running' ? `${script}; exec sleep 1000` : script;
    const { Id } = await this.engine.createContainer({ name, config: { Image: 'busybox', Cmd: ['sh', '-c', cmd] }, hostConfig: {} });
    this.containers.push(Id);
    if (prepare) {
      mkdirSync(this.upper(Id), { recursive: true });
      prepare(Id);
    }
    if (state !== 'stopped') await this.engine.startContainer(Id);
    if (state === 'exited') await this.engine.waitContainer(Id, 'not-running');
    return Id;
  }

  /** The victim beside container `id`'s rootfs: secret, sub/inner; all atimes pinned in the past. */
  victim(id: string): string {
    const dir = join(dirname(this.rootfs(id)), 'victim');
    mkdirSync(dir, { recursive: true });
    mount('tmpfs', dir, 'tmpfs', MS_STRICTATIME, 'size=1m,mode=755');
    this.victims.push(dir);
    writeFileSync(join(dir, 'secret'), SECRET);
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'sub', 'inner'), SECRET);
    for (const p of ['secret', 'sub/inner', 'sub', '.']) utimesSync(join(dir, p), PAST, PAST);
    return dir;
  }

  /** Not written (mtime/ctime/size) and not read (atime) since victim() made it; lstat only. */
  assertUntouched(dir: string): void {
    for (const p of ['.', 'secret', 'sub', 'sub/inner']) {
      const st = lstatSync(join(dir, p));
      expect(st.atime.getTime(), `${p} was read`).toBe(PAST.getTime());
      expect(st.mtime.getTime(), `${p} was written`).toBe(PAST.getTime());
    }
    // last: listing the directory moves its atime
    expect(readdirSync(dir).sort()).toEqual(['secret', 'sub']);
    expect(readdirSync(join(dir, 'sub'))).toEqual(['inner']);
  }

  async cleanup(): Promise<void> {
    for (const v of this.victims) { try { umount(v, MNT_DETACH); } catch { /* already gone */ } }
    for (const id of this.containers) await this.engine.removeContainer(id, { force: true }).catch(() => undefined);
    await this.engine.close();
    await settle(this.root);
    rmSync(this.root, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  }
}

/**
 * Wait until no process names the root in its argv: conmon and its exit command
 * (`berth --root ROOT container cleanup`) would otherwise write into the root while it is removed.
 */
export async function settle(root: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const busy = readdirSync('/proc').filter((p) => /^\d+$/.test(p) && Number(p) !== process.pid).some((p) => {
      try { return readFileSync(`/proc/${p}/cmdline`, 'utf8').includes(root); } catch { return false; }
    });
    if (!busy) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

export const tarOf = (buf: Buffer) => Readable.from([buf]);

/** A tar's bytes from the engine, for content checks. */
export async function getTar(engine: Engine, ref: string, path: string): Promise<Buffer> {
  const { tar } = await engine.archiveGet(ref, path);
  return collect(tar);
}
