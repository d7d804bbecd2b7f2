/**
 * Container paths → host paths under a container root, resolving symlinks the way the kernel
 * would inside the container (chroot semantics, as moby's FollowSymlinkInScope): an absolute link
 * target restarts at the container root, `..` never climbs above it, and at most MAX_LINKS links
 * are followed. Each component is lstat'ed and only real directories are walked through, so no
 * host symlink is ever followed and the result always lies under the root. The container must be
 * quiescent (paused or stopped) for the answer to stay true (CVE-2018-15664).
 */
import { lstatSync, readlinkSync, type Stats } from 'node:fs';
import { EngineError, errnoCode } from '../lib/errors.js';
import { assertsDirectory } from './cp-paths.js';

/** Linux's own limit on links followed in one lookup (MAXSYMLINKS is 40; moby allows 255). */
export const MAX_LINKS = 255;

export interface Resolved {
  /** Host path under the root. */
  abs: string;
  /** Clean absolute container path ("/" for the root). */
  path: string;
}

/** Go's text for the errnos a path lookup reports (os.PathError's "op path: text"). */
const ERRNO_TEXT: Record<string, string> = {
  ENOENT: 'no such file or directory', ENOTDIR: 'not a directory', ELOOP: 'too many levels of symbolic links',
  EACCES: 'permission denied', EEXIST: 'file exists', EISDIR: 'is a directory', ENAMETOOLONG: 'file name too long',
};

/** An error carrying an errno, worded as Go's os.PathError ("lstat /x: not a directory"). */
export function pathError(op: string, path: string, errno: string): EngineError {
  const code = errno === 'ENOENT' ? 'NOT_FOUND' : 'INVALID_ARGUMENT';
  return new EngineError(code, `${op} ${path}: ${ERRNO_TEXT[errno] ?? errno.toLowerCase()}`, { detail: { errno } });
}

export function errnoOf(err: unknown): string | undefined {
  if (err instanceof EngineError) return typeof err.detail?.errno === 'string' ? err.detail.errno : undefined;
  return errnoCode(err);
}

const lstatOrUndefined = (abs: string): Stats | undefined => {
  try {
    return lstatSync(abs);
  } catch (err) {
    // a missing component (or a file used as a directory) ends resolution; the caller's lstat reports it
    if (errnoCode(err) === 'ENOENT' || errnoCode(err) === 'ENOTDIR') return undefined;
    throw err;
  }
};

/**
 * Resolve `path` (absolute or relative to "/") in the container rooted at `root`. Intermediate
 * symlinks are always followed in-root; the last component only with `followFinal`. Components
 * after a missing one are appended as they are. Throws ELOOP as pathError("lstat", path).
 */
export function resolveInRoot(root: string, path: string, followFinal: boolean): Resolved {
  const pending = path.split('/').filter((c) => c !== '' && c !== '.').reverse();
  const done: string[] = [];
  let links = 0;
  let missing = false;
  while (pending.length) {
    const c = pending.pop()!;
    if (c === '..') { done.pop(); continue; }
    const last = pending.length === 0;
    done.push(c);
    if (missing || (last && !followFinal)) continue;
    const st = lstatOrUndefined(hostPath(root, done));
    if (!st) { missing = true; continue; }
    if (!st.isSymbolicLink()) continue;
    if (++links > MAX_LINKS) throw pathError('lstat', path, 'ELOOP');
    const target = readlinkSync(hostPath(root, done));
    done.pop();
    if (target.startsWith('/')) done.length = 0;
    pending.push(...target.split('/').filter((x) => x !== '' && x !== '.').reverse());
  }
  return { abs: hostPath(root, done), path: '/' + done.join('/') };
}

function hostPath(root: string, parts: string[]): string {
  return parts.length ? `${root}/${parts.join('/')}` : root;
}

/**
 * lstat a container path as the kernel would in the container: intermediate links followed, the
 * last one too when the path ends in "/" or "/.", which must then be a directory.
 */
export function lstatInRoot(root: string, path: string): { resolved: Resolved; st: Stats } {
  const dirOnly = assertsDirectory(path);
  const resolved = resolveInRoot(root, path, dirOnly);
  let st: Stats;
  try {
    st = lstatSync(resolved.abs);
  } catch (err) {
    throw pathError('lstat', path, errnoCode(err) ?? 'EIO');
  }
  if (dirOnly && !st.isDirectory()) throw pathError('lstat', path, 'ENOTDIR');
  return { resolved, st };
}
