/**
 * A container's root filesystem, made available and quiescent for the filesystem verbs (cp,
 * diff, export, commit): under the container's lifecycle lock (so it cannot start, or be
 * removed, meanwhile); a running container is paused with runc (its processes cannot swap a
 * path component for a symlink between our checks and our use, CVE-2018-15664) and resumed
 * after; a stopped one has its overlay mounted for the operation and unmounted after.
 * The pause is not recorded as a user pause: no event, the record keeps its status.
 */
import { promises as fsp } from 'node:fs';
import { conflict } from '../lib/errors.js';
import type { ContainerDeps } from './runtime-deps.js';
import type { ContainerRecord } from './record.js';
import { syncState } from './reconcile.js';
import { isMounted, mountRootfs, unmountRootfs } from './rootfs.js';

export interface ContainerFs {
  rec: ContainerRecord;
  /** Host path of the merged root filesystem. */
  root: string;
  /** The overlay upper dir (the container's changes). */
  upper: string;
}

export interface AccessOptions {
  /** Pause a running container (default true; commit --pause=false turns it off). */
  pause?: boolean;
  /** Whether the merged rootfs is needed (diff and commit only read the upper dir). */
  mount?: boolean;
}

export async function withContainerFs<T>(deps: ContainerDeps, ref: string, fn: (cfs: ContainerFs) => Promise<T>, opts: AccessOptions = {}): Promise<T> {
  const { store } = deps;
  const found = await store.resolve(ref);
  return store.withContainerLock(found.Id, async () => {
    const rec = await syncState(deps, found.Id);
    const cfs: ContainerFs = { rec, root: store.paths.rootfs(rec.Id), upper: store.paths.upper(rec.Id) };
    if (rec.State.Running) return running(deps, cfs, fn, opts);
    let mounted = false;
    try {
      if (opts.mount !== false && !isMounted(cfs.root)) {
        await mountRootfs(store.paths, deps.images.snapshots, rec.Id, rec.berth.chain);
        mounted = true;
      }
      // a container never started has no upper dir yet: it simply has no changes
      await fsp.mkdir(cfs.upper, { recursive: true, mode: 0o755 });
      return await fn(cfs);
    } finally {
      if (mounted) unmountRootfs(store.paths, rec.Id);
    }
  });
}

async function running<T>(deps: ContainerDeps, cfs: ContainerFs, fn: (cfs: ContainerFs) => Promise<T>, opts: AccessOptions): Promise<T> {
  if (opts.mount !== false && !isMounted(cfs.root)) throw conflict(`container ${cfs.rec.Id} is running but its root filesystem is not mounted`);
  // a container the user paused stays paused; one we pause is resumed however fn ends
  const pause = opts.pause !== false && !cfs.rec.State.Paused;
  if (pause) await deps.runc.pause(cfs.rec.Id);
  try {
    return await fn(cfs);
  } finally {
    if (pause) await deps.runc.resume(cfs.rec.Id).catch(() => undefined);
  }
}
