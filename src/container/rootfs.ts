/**
 * The container root filesystem: overlayfs of the image's snapshot chain (read-only lowers) plus a
 * per-container upper dir. Mounted in the host mount namespace at start, unmounted when the
 * container stops or is removed, so mounts never outlive their container.
 */
import { promises as fsp, readFileSync } from 'node:fs';
import { mount, umount, MNT_DETACH } from '../lib/native.js';
import { errnoCode, invalid } from '../lib/errors.js';
import type { Snapshotter } from '../store/snapshot/snapshotter.js';
import type { Digest } from '../oci/digest.js';
import type { ContainerPaths } from './paths.js';

/** The kernel copies mount options into one page; overlay2 works around it with short links. */
const MAX_OPTIONS = 4000;

export function isMounted(path: string): boolean {
  const mounts = readFileSync('/proc/self/mountinfo', 'utf8');
  return mounts.split('\n').some((l) => l.split(' ')[4] === path);
}

export async function mountRootfs(paths: ContainerPaths, snapshots: Snapshotter, id: string, chain: Digest[]): Promise<string> {
  const target = paths.rootfs(id);
  if (isMounted(target)) return target;
  await Promise.all([target, paths.upper(id), paths.work(id)].map((d) => fsp.mkdir(d, { recursive: true, mode: 0o755 })));
  // overlay needs at least one lower dir; a scratch image gets an empty one
  const lowers = chain.length ? [...chain].reverse().map((c) => snapshots.fsPath(c)) : [await emptyLower(paths, id)];
  const data = `lowerdir=${lowers.join(':')},upperdir=${paths.upper(id)},workdir=${paths.work(id)},index=off`;
  if (data.length > MAX_OPTIONS) throw invalid(`image has too many layers (${chain.length}) for an overlay mount under ${paths.root}`);
  mount('overlay', target, 'overlay', 0, data);
  return target;
}

async function emptyLower(paths: ContainerPaths, id: string): Promise<string> {
  const dir = `${paths.dir(id)}/empty`;
  await fsp.mkdir(dir, { recursive: true });
  return dir;
}

export function unmountRootfs(paths: ContainerPaths, id: string): void {
  const target = paths.rootfs(id);
  // lazy unmount: a process still holding a file (a cp in flight) must not block the container's removal
  while (isMounted(target)) {
    try {
      umount(target, MNT_DETACH);
    } catch (err) {
      if (errnoCode(err) === 'EINVAL' || errnoCode(err) === 'ENOENT') return;
      throw err;
    }
  }
}
