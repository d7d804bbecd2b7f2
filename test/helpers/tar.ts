/**
 * Building and inspecting tars in tests. Inputs are built with tar-stream's packer, an
 * implementation independent of the one under test, plus byte-level patches for the hostile
 * headers a packer refuses to write (absurd sizes, binary PAX values).
 */
import { createHash } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { extract, pack, type Header } from 'tar-stream';
import { lgetxattr, llistxattr } from '../../src/lib/native.js';

export const FIXED_MTIME = new Date('2024-01-02T03:04:05Z');

export interface TarSpec {
  name: string;
  type?: Header['type'];
  content?: string | Buffer;
  linkname?: string;
  mode?: number;
  uid?: number;
  gid?: number;
  mtime?: Date;
  devmajor?: number;
  devminor?: number;
  /** PAX records (values as text; use withBinaryPax for binary ones). */
  pax?: Record<string, string>;
}

export async function makeTar(entries: TarSpec[]): Promise<Buffer> {
  const p = pack();
  const out = (async () => {
    const chunks: Buffer[] = [];
    for await (const c of p) chunks.push(c as Buffer);
    return Buffer.concat(chunks);
  })();
  for (const e of entries) {
    const type = e.type ?? 'file';
    const header = {
      name: e.name, type, mode: e.mode ?? (type === 'directory' ? 0o755 : 0o644), uid: e.uid ?? 0, gid: e.gid ?? 0,
      mtime: e.mtime ?? FIXED_MTIME, linkname: e.linkname, devmajor: e.devmajor, devminor: e.devminor,
      ...(e.pax ? { pax: e.pax } : {}),
    };
    await new Promise<void>((resolve, reject) => {
      const cb = (err?: Error | null) => (err ? reject(err) : resolve());
      if (type === 'file') p.entry(header, e.content ?? '', cb);
      else p.entry(header, cb);
    });
  }
  p.finalize();
  return out;
}

export async function makeTarGz(entries: TarSpec[]): Promise<Buffer> {
  return gzipSync(await makeTar(entries));
}

export const sha256 = (b: Buffer) => 'sha256:' + createHash('sha256').update(b).digest('hex');

export async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

export interface ListedEntry {
  header: Header & { pax?: Record<string, string> | null };
  content: Buffer;
}

/** Read a tar back with tar-stream (again independent of the code under test). */
export async function listTar(tar: Buffer): Promise<ListedEntry[]> {
  const ex = extract();
  const out: ListedEntry[] = [];
  const done = (async () => {
    for await (const entry of ex) {
      const chunks: Buffer[] = [];
      for await (const c of entry) chunks.push(c as Buffer);
      out.push({ header: entry.header, content: Buffer.concat(chunks) });
    }
  })();
  ex.end(tar);
  await done;
  return out;
}

function headerOffsets(tar: Buffer): { off: number; name: string }[] {
  const found: { off: number; name: string }[] = [];
  for (let off = 0; off + 512 <= tar.length && tar[off] !== 0; ) {
    const name = tar.toString('latin1', off, off + 100).replace(/\0.*$/s, '');
    const size = parseInt(tar.toString('latin1', off + 124, off + 136).replace(/\0.*$/s, '').trim() || '0', 8);
    found.push({ off, name });
    off += 512 + Math.ceil(size / 512) * 512;
  }
  return found;
}

function rechecksum(tar: Buffer, off: number): void {
  tar.fill(0x20, off + 148, off + 156);
  let sum = 0;
  for (let i = off; i < off + 512; i++) sum += tar[i]!;
  tar.write(sum.toString(8).padStart(6, '0') + '\0 ', off + 148, 'latin1');
}

function patchHeader(tar: Buffer, name: string, patch: (copy: Buffer, off: number) => void): Buffer {
  const copy = Buffer.from(tar);
  const hit = headerOffsets(copy).find((h) => h.name === name);
  if (!hit) throw new Error(`no header ${name}`);
  patch(copy, hit.off);
  rechecksum(copy, hit.off);
  return copy;
}

/** Rewrite the typeflag of the ustar header named `name` (e.g. 'S', GNU sparse). */
export function withTypeflag(tar: Buffer, name: string, flag: string): Buffer {
  return patchHeader(tar, name, (copy, off) => copy.write(flag, off + 156, 'latin1'));
}

/** Rewrite the size field of the ustar header named `name` (base-256 when octal cannot hold it). */
export function withHeaderSize(tar: Buffer, name: string, size: number): Buffer {
  return patchHeader(tar, name, (copy, off) => writeSize(copy, off + 124, size));
}

function writeSize(copy: Buffer, field: number, size: number): void {
  copy.fill(0, field, field + 12);
  if (size < 8 ** 11) copy.write(size.toString(8).padStart(11, '0'), field, 'latin1');
  else {
    copy[field] = 0x80;
    let rest = BigInt(size);
    for (let i = field + 11; i > field; i--, rest >>= 8n) copy[i] = Number(rest & 0xffn);
  }
}

/** Replace a same-length placeholder in a PAX body with binary bytes (the packer only writes UTF-8). */
export function withBinaryPax(tar: Buffer, placeholder: string, value: Buffer): Buffer {
  if (Buffer.byteLength(placeholder) !== value.length) throw new Error('placeholder and value lengths differ');
  const copy = Buffer.from(tar);
  const at = copy.indexOf(placeholder);
  if (at < 0) throw new Error('placeholder not found');
  value.copy(copy, at);
  return copy;
}

/**
 * A comparable description of every object under `dir` (root excluded): type, mode, owner,
 * mtime (ms by default), content hash / link target / device number, xattrs, hardlink grouping.
 */
export async function snapshotTree(dir: string, opts: { mtimes?: 'ms' | 's' | false } = {}): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const firstByIno = new Map<number, string>();
  async function walk(abs: string, rel: string): Promise<void> {
    for (const name of (await fsp.readdir(abs)).sort()) {
      const p = join(abs, name);
      const r = rel ? `${rel}/${name}` : name;
      const st = await fsp.lstat(p);
      let what = '';
      if (st.isFile()) what = `file ${sha256(await fsp.readFile(p)).slice(7, 19)}`;
      else if (st.isSymbolicLink()) what = `symlink ${await fsp.readlink(p)}`;
      else if (st.isDirectory()) what = 'dir';
      else if (st.isCharacterDevice()) what = `chr ${st.rdev}`;
      else if (st.isBlockDevice()) what = `blk ${st.rdev}`;
      else if (st.isFIFO()) what = 'fifo';
      const xattrs = llistxattr(p).sort().map((k) => `${k}=${lgetxattr(p, k)?.toString('hex')}`).join(',');
      let link = '';
      if (st.isFile() && st.nlink > 1) {
        if (!firstByIno.has(st.ino)) firstByIno.set(st.ino, r);
        link = ` link:${firstByIno.get(st.ino)} n${st.nlink}`;
      }
      // 's': tar carries whole seconds, so compare a tree with its round trip at that precision
      const mtime = opts.mtimes === false ? '' : ` t${opts.mtimes === 's' ? Math.floor(st.mtimeMs / 1000) * 1000 : Math.floor(st.mtimeMs)}`;
      out[r] = `${what} ${(st.mode & 0o7777).toString(8)} ${st.uid}:${st.gid}${mtime}${link}${xattrs ? ' ' + xattrs : ''}`;
      if (st.isDirectory()) await walk(p, r);
    }
  }
  await walk(dir, '');
  return out;
}
