/**
 * The legacy builder's per-file checksum (moby's remotecontext NewFileHash + tarsum v1): sha256
 * over the tar header fields name, mode, uid, gid, size, typeflag, linkname, uname, gname,
 * devmajor, devminor (mtime excluded), sorted xattrs, then the file's content. Context files
 * hash with uid/gid 0, as docker's context tar carries them, so ownership never busts the cache.
 */
import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync, readlinkSync, constants, type Stats } from 'node:fs';
import { lgetxattr } from '../lib/native.js';
import { toEngineError } from '../lib/errors.js';

export interface SumInput {
  /** The entry's name in the tar: the path relative to the tree root. */
  name: string;
  abs: string;
  st: Stats;
  /** Hash uid/gid as 0 (build context) instead of the file's own (image sources). */
  zeroOwner: boolean;
}

function typeflag(st: Stats): string {
  if (st.isFile()) return '0';
  if (st.isDirectory()) return '5';
  if (st.isSymbolicLink()) return '2';
  if (st.isCharacterDevice()) return '3';
  if (st.isBlockDevice()) return '4';
  if (st.isFIFO()) return '6';
  return '0';
}

function devNumbers(rdev: number): [number, number] {
  const d = BigInt(rdev);
  return [Number(((d >> 8n) & 0xfffn) | ((d >> 32n) & ~0xfffn)), Number((d & 0xffn) | ((d >> 12n) & ~0xffn))];
}

/** The hex tarsum of one tree entry; `caps` says whether a security.capability xattr went in. */
export function tarsumOf(input: SumInput): { sum: string; caps: boolean } {
  const { st } = input;
  const h = createHash('sha256');
  const regular = st.isFile();
  const link = st.isSymbolicLink() ? readlinkSync(input.abs) : '';
  const [major, minor] = devNumbers(st.rdev);
  const name = st.isDirectory() ? `${input.name}/` : input.name;
  const owner = input.zeroOwner ? ['0', '0'] : [String(st.uid), String(st.gid)];
  h.update(`name${name}mode${st.mode & 0o7777}uid${owner[0]}gid${owner[1]}size${regular ? st.size : 0}`);
  h.update(`typeflag${typeflag(st)}linkname${link}unamegnamedevmajor${major}devminor${minor}`);
  let caps = false;
  if (regular || st.isDirectory()) {
    const cap = lgetxattr(input.abs, 'security.capability');
    if (cap) h.update(Buffer.concat([Buffer.from('security.capability'), cap]));
    caps = cap !== undefined;
  }
  if (regular && st.size > 0) hashContent(h, input.abs, st);
  return { sum: h.digest('hex'), caps };
}

/** The hex tarsum of one tree entry. */
export function tarsum(input: SumInput): string {
  return tarsumOf(input).sum;
}

function hashContent(h: ReturnType<typeof createHash>, abs: string, st: Stats): void {
  let fd: number;
  try {
    fd = openSync(abs, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (err) {
    throw toEngineError(err);
  }
  try {
    const buf = Buffer.allocUnsafe(Math.min(st.size, 1 << 20));
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      h.update(buf.subarray(0, n));
    }
  } finally {
    closeSync(fd);
  }
}

/** moby's hashStringSlice: `prefix:sha256(join(",", parts))`. */
export function hashStringSlice(prefix: string, parts: readonly string[]): string {
  return `${prefix}:${createHash('sha256').update(parts.join(',')).digest('hex')}`;
}
