/**
 * Reading a directory tree for diffLayer/tarDirectory: sorted children, lstat only, and file
 * content read through a descriptor opened without following symlinks and checked to be the
 * inode that was lstat'ed. The tree must be quiescent (container stopped or paused): a path
 * swapped while we read it is detected for files, not prevented for directories.
 * Synchronous calls, as in layer-fs.ts: per-file threadpool hops would dominate; the
 * generators yield between entries and between chunks.
 */
import { closeSync, constants, fstatSync, lstatSync, openSync, readdirSync, readSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { conflict } from '../../lib/errors.js';
import { lgetxattr } from '../../lib/native.js';
import { OPAQUE_MARKER, WHITEOUT_PREFIX } from './entry-path.js';
import { OPAQUE_XATTR } from './finalize.js';

export interface Child {
  /** Path of the object itself, relative to the walked root. */
  rel: string;
  abs: string;
  st: Stats;
  /** node: emitted as itself; whiteout/opaque: translated to a `.wh.` marker entry. */
  kind: 'node' | 'whiteout' | 'opaque';
  /** The name it is emitted under, and the sort key (so output is sorted by path). */
  emitAs: string;
}

export interface ListOptions {
  whiteouts: boolean;
  exclude?: (rel: string) => boolean;
}

const byEmitted = (a: Child, b: Child) => (a.emitAs < b.emitAs ? -1 : a.emitAs > b.emitAs ? 1 : 0);

export function listChildren(dirAbs: string, dirRel: string, opts: ListOptions): Child[] {
  const join2 = (name: string) => (dirRel ? `${dirRel}/${name}` : name);
  const names = readdirSync(dirAbs).filter((n) => !opts.exclude?.(join2(n)));
  const out = names.map((name): Child => {
    const abs = join(dirAbs, name);
    const st = lstatSync(abs);
    const whiteout = opts.whiteouts && st.isCharacterDevice() && st.rdev === 0;
    const emitAs = join2(whiteout ? WHITEOUT_PREFIX + name : name);
    return { rel: join2(name), abs, st, kind: whiteout ? 'whiteout' : 'node', emitAs };
  });
  if (opts.whiteouts && lgetxattr(dirAbs, OPAQUE_XATTR)?.toString() === 'y') {
    out.push({ rel: dirRel, abs: dirAbs, st: lstatSync(dirAbs), kind: 'opaque', emitAs: join2(OPAQUE_MARKER) });
  }
  return out.sort(byEmitted);
}

/** security.capability is the one xattr carried into layers, as dockerd does. */
export function capabilityOf(abs: string): Map<string, Buffer> | undefined {
  const cap = lgetxattr(abs, 'security.capability');
  return cap ? new Map([['security.capability', cap]]) : undefined;
}

/** Linux dev_t → (major, minor), the glibc encoding mknodChar also uses. */
export function devNumbers(rdev: number): [number, number] {
  const d = BigInt(rdev);
  const major = ((d >> 8n) & 0xfffn) | ((d >> 32n) & ~0xfffn);
  const minor = (d & 0xffn) | ((d >> 12n) & ~0xffn);
  return [Number(major), Number(minor)];
}

/** Exactly st.size bytes of the file lstat'ed as `st`, or CONFLICT when it changed underneath. */
export function* fileContent(abs: string, st: Stats, rel: string): Generator<Buffer> {
  // O_NONBLOCK: a file swapped for a FIFO must not hang the read.
  const fd = openSync(abs, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  try {
    const now = fstatSync(fd);
    if (!now.isFile() || now.ino !== st.ino || now.dev !== st.dev) {
      throw conflict(`${JSON.stringify(rel)} changed while it was being archived`);
    }
    for (let left = st.size; left > 0; ) {
      const buf = Buffer.allocUnsafe(Math.min(left, 256 * 1024));
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) throw conflict(`${JSON.stringify(rel)} shrank while it was being archived`);
      left -= n;
      yield buf.subarray(0, n);
    }
  } finally {
    closeSync(fd);
  }
}
