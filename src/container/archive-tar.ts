/**
 * Tars of one filesystem object under a chosen name, as docker's TarWithOptions with
 * IncludeSourceDir + RebaseNames produces them for `cp`: the object itself first (a directory
 * as "name/"), then its subtree as "name/child". Also a whole upper dir in layer form (commit),
 * with paths left out (the layer module's diffLayer has no exclusion). Built on the layer module's
 * tree reader and tar encoder (same headers as diffLayer): files are read through O_NOFOLLOW
 * descriptors checked against their lstat, directories are entered through descriptors (see
 * emitDir), and symlinks are archived as symlinks, never followed.
 */
import { closeSync, constants, lstatSync, openSync, readlinkSync, type Stats } from 'node:fs';
import { Readable } from 'node:stream';
import { toEngineError } from '../lib/errors.js';
import { encodeHeader, endOfArchive, padding, type TarHeader } from '../image/layer/tar-writer.js';
import { capabilityOf, devNumbers, fileContent, listChildren, type ListOptions } from '../image/layer/tree-read.js';

interface Walk extends ListOptions {
  /** dev:ino of multiply-linked files → the name first emitted (typeflag-1 entries after it). */
  links: Map<string, string>;
  /** Prefix of emitted names: undefined = none (a layer), "" = "/x" (docker's rebase of "/"). */
  prefix: string | undefined;
}

interface Node {
  abs: string;
  rel: string;
  st: Stats;
  kind: 'node' | 'whiteout' | 'opaque';
  name: string;
}

/** A tar of `abs` named `name`; `abs` itself is archived as lstat sees it (a symlink stays a symlink). */
export function tarPath(abs: string, name: string): Readable {
  return Readable.from(generatePath(abs, name), { objectMode: false });
}

/** A layer tar of an overlay upper dir (whiteouts → `.wh.` markers), minus `exclude`d paths. */
export function tarUpper(upper: string, exclude?: (rel: string) => boolean): Readable {
  return Readable.from(generateTree(upper, { whiteouts: true, exclude, links: new Map(), prefix: undefined }), { objectMode: false });
}

async function* generatePath(abs: string, name: string): AsyncGenerator<Buffer> {
  try {
    const ctx: Walk = { whiteouts: false, links: new Map(), prefix: name };
    const st = lstatSync(abs);
    yield* emit(ctx, { abs, rel: '', st, kind: 'node', name });
    yield endOfArchive();
  } catch (err) {
    throw toEngineError(err);
  }
}

async function* generateTree(root: string, ctx: Walk): AsyncGenerator<Buffer> {
  try {
    yield* emitDir(ctx, root, '');
    yield endOfArchive();
  } catch (err) {
    throw toEngineError(err);
  }
}

/**
 * Children are reached through /proc/self/fd/N of the directory opened with O_NOFOLLOW, as
 * openat(2) would: a directory renamed or swapped for a symlink while we walk (a running
 * container, commit --pause=false) cannot redirect the walk out of the tree.
 */
async function* emitDir(ctx: Walk, dirAbs: string, dirRel: string): AsyncGenerator<Buffer> {
  const fd = openSync(dirAbs, constants.O_RDONLY | constants.O_DIRECTORY | constants.O_NOFOLLOW);
  try {
    // "/." so lgetxattr (opaque markers) reads the directory, not the magic link
    for (const c of listChildren(`/proc/self/fd/${fd}/.`, dirRel, ctx)) {
      const name = ctx.prefix === undefined ? c.emitAs : `${ctx.prefix}/${c.emitAs}`;
      yield* emit(ctx, { ...c, name });
    }
  } finally {
    closeSync(fd);
  }
}

async function* emit(ctx: Walk, n: Node): AsyncGenerator<Buffer> {
  const h = headerFor(ctx, n);
  if (!h) return;
  yield encodeHeader(h);
  if (h.type === 'file' && h.size > 0) {
    yield* fileContent(n.abs, n.st, n.rel || n.name);
    yield padding(h.size);
  }
  if (h.type === 'directory') yield* emitDir(ctx, n.abs, n.rel);
}

/** The same header rules as the layer module's diffLayer (whole-second mtimes, security.capability). */
function headerFor(ctx: Walk, n: Node): TarHeader | undefined {
  const { st } = n;
  const base = { name: n.name, mode: st.mode & 0o7777, uid: st.uid, gid: st.gid, size: 0, mtime: Math.floor(st.mtimeMs / 1000) };
  if (n.kind !== 'node') return { ...base, type: 'file', mode: st.mode & 0o777 };
  if (st.isDirectory()) return { ...base, name: n.name.endsWith('/') ? n.name : `${n.name}/`, type: 'directory' };
  if (st.isFile()) {
    const xattrs = capabilityOf(n.abs);
    if (st.nlink > 1) {
      const key = `${st.dev}:${st.ino}`;
      const first = ctx.links.get(key);
      if (first !== undefined) return { ...base, type: 'link', linkname: first, xattrs };
      ctx.links.set(key, n.name);
    }
    return { ...base, type: 'file', size: st.size, xattrs };
  }
  if (st.isSymbolicLink()) return { ...base, type: 'symlink', linkname: readlinkSync(n.abs) };
  if (st.isFIFO()) return { ...base, type: 'fifo' };
  if (st.isCharacterDevice() || st.isBlockDevice()) {
    const [devmajor, devminor] = devNumbers(st.rdev);
    return { ...base, type: st.isCharacterDevice() ? 'character-device' : 'block-device', devmajor, devminor };
  }
  return undefined; // sockets: a tar cannot carry them
}
