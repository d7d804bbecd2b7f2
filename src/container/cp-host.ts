/**
 * The host side of `cp`, as the docker CLI does it with go-archive (copy.go): what a local source
 * is (CopyInfoSourcePath, symlinks before the last "/" resolved, the last one only with -L), what
 * a local destination is (CopyInfoDestinationPath, its own symlinks followed), how the archive's
 * top name changes so extraction lands where cp semantics say (PrepareArchiveCopy), and the
 * extraction itself (CopyTo: no chown, no directory/non-directory replacement).
 */
import { lstatSync, readlinkSync, realpathSync, statSync, type Stats } from 'node:fs';
import type { Readable } from 'node:stream';
import { errnoCode, invalid } from '../lib/errors.js';
import { pathError } from './archive-resolve.js';
import { extractTar } from './archive-extract.js';
import { tarPath } from './archive-tar.js';
import {
  archiveName, assertsDirectory, getRebaseName, goBase, goClean, goJoin, goSplit, hasTrailingSeparator, preserveTrailing,
  rebaser, splitPathDirEntry,
} from './cp-paths.js';

export interface CopyInfo {
  path: string;
  exists: boolean;
  isDir: boolean;
  /** The name the archived object takes instead of its own (a followed link keeps the link's name). */
  rebaseName: string;
}

const MAX_DEST_LINKS = 10;

function fsCall<T>(op: string, path: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw pathError(op, path, errnoCode(err) ?? 'EIO');
  }
}

/** filepath.EvalSymlinks. */
const evalSymlinks = (p: string) => fsCall('lstat', p, () => realpathSync(p));

export function copyInfoSourcePath(path: string, followLink: boolean): CopyInfo {
  let resolved: string;
  let rebaseName = '';
  if (followLink) {
    [resolved, rebaseName] = getRebaseName(path, evalSymlinks(path));
  } else {
    const [dir, base] = goSplit(path);
    resolved = `${evalSymlinks(dir || '.').replace(/\/$/, '')}/${base}`;
    if (hasTrailingSeparator(path) && goBase(path) !== goBase(resolved)) rebaseName = goBase(path);
  }
  const st = fsCall('lstat', resolved, () => lstatSync(resolved));
  return { path: resolved, exists: true, isDir: st.isDirectory(), rebaseName };
}

/** A tar of a local source, its top entry named `name` (TarResource + PrepareArchiveCopy's rebase). */
export function hostSourceTar(src: CopyInfo, name: string): Readable {
  const [dir, base] = splitPathDirEntry(src.path);
  return tarPath(base === '.' || base === '/' ? dir : goJoin(dir, base), name);
}

/** The name the source's archive carries before any destination rebase. */
export function sourceArchiveName(src: CopyInfo): string {
  return src.rebaseName || archiveName(splitPathDirEntry(src.path)[1]);
}

/** lstat that reads a missing path as undefined and words other failures as Go does. */
const lstatIfAny = (p: string): Stats | undefined => fsCall('lstat', p, () => lstatSync(p, { throwIfNoEntry: false }));

export function copyInfoDestinationPath(path: string): CopyInfo {
  const original = path;
  let p = path;
  let st = lstatIfAny(p);
  for (let n = 0; st?.isSymbolicLink(); n++) {
    if (n > MAX_DEST_LINKS) throw invalid(`too many symlinks in ${original}`);
    const target = readlinkSync(p);
    p = target.startsWith('/') ? target : goJoin(splitPathDirEntry(p)[0], target);
    st = lstatIfAny(p);
  }
  if (st) return { path: p, exists: true, isDir: st.isDirectory(), rebaseName: '' };
  const parent = splitPathDirEntry(p)[0];
  const pst = fsCall('stat', parent, () => statSync(parent));
  if (!pst.isDirectory()) throw invalid('not a directory');
  return { path: p, exists: false, isDir: false, rebaseName: '' };
}

/** PrepareArchiveCopy: the directory to extract into and the top name the archive must have there. */
export function prepareArchiveCopy(src: CopyInfo, dst: CopyInfo): { dstDir: string; rename?: { from: string; to: string } } {
  const [dstDir, dstBase] = splitPathDirEntry(dst.path);
  const from = src.rebaseName || splitPathDirEntry(src.path)[1];
  if (dst.exists && dst.isDir) return { dstDir: dst.path };
  if (dst.exists && src.isDir) throw invalid('cannot copy directory');
  if (!dst.exists && !src.isDir && assertsDirectory(dst.path)) throw invalid('no such directory');
  return { dstDir, rename: { from, to: dstBase } };
}

/** CopyTo: extract a container's archive of `src` to the local `dstPath` with cp semantics. */
export async function copyTo(tar: Readable, src: CopyInfo, dstPath: string, rename?: (name: string) => string): Promise<void> {
  const dst = copyInfoDestinationPath(dstPath);
  const plan = prepareArchiveCopy(src, dst);
  const second = plan.rename ? rebaser(plan.rename.from, plan.rename.to) : undefined;
  const names = rename && second ? (n: string) => second(rename(n)) : rename ?? second;
  await extractTar(tar, plan.dstDir, { noOverwriteDirNonDir: true, owner: 'none', rename: names, display: plan.dstDir });
}

/** filepath.Abs keeping a trailing "/" or "/." (the CLI's resolveLocalPath). */
export function resolveLocalPath(p: string, cwd: string): string {
  return preserveTrailing(goClean(p.startsWith('/') ? p : `${cwd}/${p}`), p);
}
