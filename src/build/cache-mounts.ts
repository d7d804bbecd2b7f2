/**
 * `RUN --mount=type=cache` directories (BuildKit's cache mounts): one persistent directory per
 * id under <root>/build/cache-mounts/<sha256(id), hex>/data, shared by every build on this root and
 * never part of a layer. A lock file beside it carries the sharing mode with flock(2) (released by
 * the kernel if the build dies): `shared` holds LOCK_SH, `locked` waits for LOCK_EX, `private`
 * takes LOCK_EX without waiting and falls back to a throw-away directory when the cache is busy.
 * `builder prune` deletes the directories no build holds.
 */
import { closeSync, openSync, promises as fsp } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { EngineError, errnoCode } from '../lib/errors.js';
import { flock, LOCK_EX, LOCK_NB, LOCK_SH, LOCK_UN } from '../lib/native.js';
import type { MountSharing } from './dockerfile/index.js';

export const cacheMountsDir = (root: string) => join(root, 'build', 'cache-mounts');

export interface CacheMountOptions {
  id: string;
  sharing: MountSharing;
  mode: number;
  uid: number;
  gid: number;
}

export interface HeldCacheMount {
  /** The host directory to bind at the target. */
  path: string;
  release(): Promise<void>;
}

const dirOf = (root: string, id: string) => join(cacheMountsDir(root), createHash('sha256').update(id).digest('hex'));

/** The cache directory for `opts.id`, created on first use with mode/uid/gid (as BuildKit does). */
export async function acquireCacheMount(root: string, opts: CacheMountOptions, tempDir: () => Promise<string>, signal: AbortSignal): Promise<HeldCacheMount> {
  const dir = dirOf(root, opts.id);
  await fsp.mkdir(dir, { recursive: true, mode: 0o700 });
  const fd = openSync(join(dir, 'lock'), 'a+', 0o600);
  const exclusive = opts.sharing !== 'shared';
  let got = flock(fd, (exclusive ? LOCK_EX : LOCK_SH) | LOCK_NB);
  if (!got && opts.sharing === 'private') {
    // busy: this build gets a directory of its own, gone after the step
    closeSync(fd);
    const path = await tempDir();
    await makeData(path, opts);
    return { path, release: async () => { await fsp.rm(path, { recursive: true, force: true }); } };
  }
  for (let delay = 5; !got; delay = Math.min(delay * 2, 200)) {
    if (signal.aborted) { closeSync(fd); throw new EngineError('CANCELED', 'build canceled while waiting for a locked cache mount'); }
    await new Promise((r) => setTimeout(r, delay));
    got = flock(fd, (exclusive ? LOCK_EX : LOCK_SH) | LOCK_NB);
  }
  try {
    const path = join(dir, 'data');
    await makeData(path, opts);
    await fsp.writeFile(join(dir, 'id'), opts.id);
    return { path, release: async () => { flock(fd, LOCK_UN); closeSync(fd); } };
  } catch (err) {
    closeSync(fd);
    throw err;
  }
}

async function makeData(path: string, opts: CacheMountOptions): Promise<void> {
  try {
    await fsp.mkdir(path, { mode: 0o700 });
  } catch (err) {
    if (errnoCode(err) === 'EEXIST') return; // an existing cache keeps what its users made of it
    throw err;
  }
  await fsp.chown(path, opts.uid, opts.gid);
  await fsp.chmod(path, opts.mode);
}

async function duBytes(path: string): Promise<number> {
  let total = 0;
  const st = await fsp.lstat(path).catch(() => undefined);
  if (!st) return 0;
  if (!st.isDirectory()) return st.size;
  for (const name of await fsp.readdir(path)) total += await duBytes(join(path, name));
  return total;
}

/** Delete every cache mount no build holds; returns the ids deleted and the bytes freed. */
export async function pruneCacheMounts(root: string): Promise<{ deleted: string[]; reclaimed: number }> {
  const base = cacheMountsDir(root);
  const names = await fsp.readdir(base).catch(() => [] as string[]);
  const deleted: string[] = [];
  let reclaimed = 0;
  for (const name of names) {
    const dir = join(base, name);
    let fd: number;
    try { fd = openSync(join(dir, 'lock'), 'a+', 0o600); } catch { continue; }
    try {
      if (!flock(fd, LOCK_EX | LOCK_NB)) continue; // in use by a running build
      reclaimed += await duBytes(join(dir, 'data'));
      await fsp.rm(dir, { recursive: true, force: true });
      deleted.push(name);
    } finally {
      closeSync(fd);
    }
  }
  return { deleted, reclaimed };
}
