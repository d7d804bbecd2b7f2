/**
 * The archive endpoints of the Docker API (HEAD/GET/PUT /containers/{id}/archive), as dockerd's
 * daemon/archive_unix.go behaves, on running or stopped containers. Every container path is
 * resolved inside the container root (archive-resolve.ts); reads and writes never leave it.
 */
import { lstatSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { invalid, notFound } from '../lib/errors.js';
import type { ArchivePutOptions, PathStat } from '../types/container.js';
import type { ContainerDeps } from './runtime-deps.js';
import { containerEvent } from './container-store.js';
import { withContainerFs, type ContainerFs } from './archive-access.js';
import { errnoOf, lstatInRoot, resolveInRoot } from './archive-resolve.js';
import { pathStat } from './archive-stat.js';
import { tarPath } from './archive-tar.js';
import { extractTar } from './archive-extract.js';
import { archiveName, goJoin, preserveTrailing } from './cp-paths.js';
import { containerOwner } from './archive-owner.js';

function checkPath(path: string): void {
  if (path.includes('\0')) throw invalid('invalid path: contains a NUL byte');
}

/** dockerd's containerFileNotFound: the path and the container as the caller typed them. */
const fileNotFound = (path: string, ref: string) => notFound(`Could not find the file ${path} in container ${ref}`);

function statIn(cfs: ContainerFs, asked: string, path: string, ref: string) {
  try {
    const { resolved, st } = lstatInRoot(cfs.root, asked);
    const link = st.isSymbolicLink() ? resolveInRoot(cfs.root, asked, true).path : '';
    // a second lstat, in nanoseconds: dockerd's mtime carries them
    const precise = lstatSync(resolved.abs, { bigint: true, throwIfNoEntry: false }) ?? st;
    return { resolved, st, stat: pathStat(asked, precise, link) };
  } catch (err) {
    if (errnoOf(err) === 'ENOENT') throw fileNotFound(path, ref);
    throw err;
  }
}

/** HEAD /archive: stat a container path (the last component is not followed). */
export async function archiveStat(deps: ContainerDeps, ref: string, path: string): Promise<PathStat> {
  checkPath(path);
  return withContainerFs(deps, ref, async (cfs) => statIn(cfs, path, path, ref).stat);
}

/**
 * GET /archive: the stat and a tar of the object, named as dockerd names it ("etc/…" for /etc,
 * "./…" for /etc/., "/…" for /). The container stays locked (and paused) until the tar has been
 * read or destroyed, as dockerd keeps its container lock until the archive is closed.
 */
export function archiveGet(deps: ContainerDeps, ref: string, path: string): Promise<{ stat: PathStat; tar: Readable }> {
  checkPath(path);
  return new Promise((resolve, reject) => {
    withContainerFs(deps, ref, async (cfs) => {
      const absPath = preserveTrailing(goJoin('/', path), path);
      const { resolved, stat } = statIn(cfs, absPath, path, ref);
      const tar = tarPath(resolved.abs, archiveName(absPath));
      const done = finished(tar).catch(() => undefined);
      await deps.store.events.append(containerEvent('archive-path', cfs.rec));
      resolve({ stat, tar });
      await done;
    }).catch(reject);
  });
}

/** PUT /archive: extract a tar (plain or gzip) into a directory of the container. */
export async function archivePut(deps: ContainerDeps, ref: string, path: string, tar: Readable, opts: ArchivePutOptions = {}): Promise<void> {
  checkPath(path);
  await withContainerFs(deps, ref, async (cfs) => {
    // the extraction point is resolved with its last link followed: cp into a symlink to a directory works
    const resolved = resolveInRoot(cfs.root, goJoin('/', path), true);
    const absPath = preserveTrailing(resolved.path, path);
    let st;
    try {
      st = lstatInRoot(cfs.root, absPath).st; // errors read "lstat <resolved path>: …", as dockerd's
    } catch (err) {
      if (errnoOf(err) === 'ENOENT') throw fileNotFound(path, ref);
      throw err;
    }
    if (!st.isDirectory()) throw invalid('extraction point is not a directory');
    if (cfs.rec.HostConfig.ReadonlyRootfs) throw invalid('container rootfs is marked read-only');
    const owner = opts.copyUIDGID && cfs.rec.Config.User ? containerOwner(cfs.root, cfs.rec.Config.User) : 'tar';
    await extractTar(tar, resolved.abs, { noOverwriteDirNonDir: opts.noOverwriteDirNonDir === true, owner, display: resolved.path });
    await deps.store.events.append(containerEvent('extract-to-dir', cfs.rec));
  });
}
