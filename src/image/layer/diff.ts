/**
 * Directory trees → layer tars. diffLayer reads an overlayfs upper dir and translates overlay
 * whiteouts back to OCI form; tarDirectory archives a plain rootfs as it is. Output is
 * deterministic: depth-first, each directory's entries sorted by emitted path (parents before
 * children), whole-second mtimes, no user/group names. The root itself gets no entry.
 */
import { readlinkSync } from 'node:fs';
import { Readable } from 'node:stream';
import { toEngineError } from '../../lib/errors.js';
import { encodeHeader, endOfArchive, padding, type TarHeader } from './tar-writer.js';
import { capabilityOf, devNumbers, fileContent, listChildren, type Child, type ListOptions } from './tree-read.js';

export interface TarDirectoryOptions {
  /** Leave out a path (relative, no leading slash); an excluded directory drops its subtree. */
  exclude?: (rel: string) => boolean;
}

/** A layer tar (uncompressed) of an overlayfs upper dir: char 0/0 → `.wh.<name>`, opaque → `.wh..wh..opq`. */
export function diffLayer(upperDir: string): Readable {
  return Readable.from(generate(upperDir, { whiteouts: true }), { objectMode: false });
}

/** A tar of a plain tree (export, tests): devices stay devices; security.capability is the only xattr read. */
export function tarDirectory(dir: string, opts: TarDirectoryOptions = {}): Readable {
  return Readable.from(generate(dir, { whiteouts: false, exclude: opts.exclude }), { objectMode: false });
}

interface WalkContext extends ListOptions {
  /** dev:ino of multiply-linked files → the path first emitted, for typeflag-1 entries. */
  links: Map<string, string>;
}

async function* generate(root: string, opts: ListOptions): AsyncGenerator<Buffer> {
  try {
    yield* emitDir({ ...opts, links: new Map() }, root, '');
    yield endOfArchive();
  } catch (err) {
    throw toEngineError(err);
  }
}

async function* emitDir(ctx: WalkContext, dirAbs: string, dirRel: string): AsyncGenerator<Buffer> {
  for (const child of listChildren(dirAbs, dirRel, ctx)) {
    // Link decisions are made here, in emission order, so the first occurrence is the file.
    const h = headerFor(ctx, child);
    if (!h) continue;
    yield encodeHeader(h);
    if (h.type === 'file' && h.size > 0) {
      yield* fileContent(child.abs, child.st, child.rel);
      yield padding(h.size);
    }
    if (h.type === 'directory') yield* emitDir(ctx, child.abs, child.rel);
  }
}

function headerFor(ctx: WalkContext, c: Child): TarHeader | undefined {
  const { st } = c;
  const mtime = Math.floor(st.mtimeMs / 1000);
  const base = { name: c.emitAs, mode: st.mode & 0o7777, uid: st.uid, gid: st.gid, size: 0, mtime };
  // Markers carry the owner, permission bits and mtime of what they stand for, as dockerd's do.
  if (c.kind !== 'node') return { ...base, type: 'file', mode: st.mode & 0o777 };
  if (st.isDirectory()) return { ...base, name: `${c.emitAs}/`, type: 'directory' };
  if (st.isFile()) {
    const xattrs = capabilityOf(c.abs);
    if (st.nlink > 1) {
      const key = `${st.dev}:${st.ino}`;
      const first = ctx.links.get(key);
      if (first !== undefined) return { ...base, type: 'link', linkname: first, xattrs };
      ctx.links.set(key, c.emitAs);
    }
    return { ...base, type: 'file', size: st.size, xattrs };
  }
  if (st.isSymbolicLink()) return { ...base, type: 'symlink', linkname: readlinkSync(c.abs) };
  if (st.isFIFO()) return { ...base, type: 'fifo' };
  if (st.isCharacterDevice() || st.isBlockDevice()) {
    const [devmajor, devminor] = devNumbers(st.rdev);
    return { ...base, type: st.isCharacterDevice() ? 'character-device' : 'block-device', devmajor, devminor };
  }
  return undefined; // sockets: a tar cannot carry them (dockerd skips them too)
}
