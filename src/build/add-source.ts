/**
 * ADD's extras: local tar archives (plain or gzip) are extracted rather than copied, as moby's
 * archive.IsArchivePath decides (the first header block must be a valid tar header, after
 * decompression); http(s) URLs are downloaded (mode 0600, mtime from Last-Modified, never
 * extracted). Extraction goes through the hardened layer extractor into a build temp dir.
 */
import { closeSync, createReadStream, openSync, readSync } from 'node:fs';
import { promises as fsp } from 'node:fs';
import { createHash } from 'node:crypto';
import { join, posix } from 'node:path';
import { constants as zlib, gunzipSync } from 'node:zlib';
import { EngineError, invalid, unavailable } from '../lib/errors.js';
import { applyLayer } from '../image/layer/index.js';
import type { TreeNode } from './tree.js';

const isGzip = (b: Buffer) => b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;
const OTHER_COMPRESSION: [string, (b: Buffer) => boolean][] = [
  ['bzip2', (b) => b.length >= 3 && b.toString('latin1', 0, 3) === 'BZh'],
  ['xz', (b) => b.length >= 6 && b.subarray(0, 6).equals(Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]))],
  ['zstd', (b) => b.length >= 4 && b.readUInt32LE(0) === 0xfd2fb528],
];

/** Go's tar header checksum check (unsigned or signed sum) on one 512-byte block. */
function validTarHeader(block: Buffer): boolean {
  if (block.length < 512 || block.every((x) => x === 0)) return false;
  const field = block.toString('latin1', 148, 156).replace(/[\0 ]+$/, '').trim();
  if (!/^[0-7]+$/.test(field)) return false;
  const want = parseInt(field, 8);
  let unsigned = 0;
  let signed = 0;
  for (let i = 0; i < 512; i++) {
    const v = i >= 148 && i < 156 ? 0x20 : block[i]!;
    unsigned += v;
    signed += v > 127 ? v - 256 : v;
  }
  return want === unsigned || want === signed;
}

function readHead(abs: string, n: number): Buffer {
  const fd = openSync(abs, 'r');
  try {
    const buf = Buffer.alloc(n);
    const got = readSync(fd, buf, 0, n, 0);
    return buf.subarray(0, got);
  } finally {
    closeSync(fd);
  }
}

/** Is this context file an archive ADD should extract? */
export function isArchive(node: TreeNode): boolean {
  if (!node.st.isFile() || node.st.size === 0) return false;
  let head = readHead(node.abs, 64 * 1024);
  for (const [name, test] of OTHER_COMPRESSION) {
    if (test(head)) throw new EngineError('NOT_IMPLEMENTED', `ADD: ${name}-compressed archives are not supported by berth (${node.rel}); use a plain or gzip tar`);
  }
  if (isGzip(head)) {
    try {
      head = gunzipSync(readHead(node.abs, Math.min(node.st.size, 1 << 20)), { finishFlush: zlib.Z_SYNC_FLUSH });
    } catch {
      return false;
    }
  }
  return validTarHeader(head.subarray(0, 512));
}

/** Extract an archive into `dir` (created), keeping the archive's owners and modes. */
export async function extractArchive(node: TreeNode, dir: string, signal?: AbortSignal): Promise<void> {
  await fsp.mkdir(dir, { recursive: true });
  try {
    await applyLayer(createReadStream(node.abs), dir, { signal });
  } catch (err) {
    throw invalid(`failed to copy files: failed to extract ${node.rel}: ${(err as Error).message}`, err);
  }
}

export function isURL(s: string): boolean {
  return /^https?:\/\//i.test(s);
}

/** moby's getFilenameForDownload: the URL path's base name, else Content-Disposition's filename. */
function filenameFor(url: URL, disposition: string | null): string {
  const name = guessName(url, disposition);
  return name === '.' || name === '..' ? '' : name;
}

function guessName(url: URL, disposition: string | null): string {
  const p = decodeURIComponent(url.pathname);
  if (p !== '' && !p.endsWith('/')) {
    const b = posix.basename(p);
    if (b && b !== '/') return b;
  }
  const m = disposition ? /filename="?([^";]+)"?/i.exec(disposition) : null;
  if (m && !m[1]!.endsWith('/')) return posix.basename(m[1]!);
  return '';
}

export interface Download {
  /** The file's name ("" when it could not be determined). */
  name: string;
  dir: string;
}

/** Fetch `src` into `dir`/<name>; `checksum` (sha256:…) must match when given. */
export async function download(src: string, dir: string, checksum?: string, signal?: AbortSignal): Promise<Download> {
  let res: Response;
  try {
    res = await fetch(src, { signal, redirect: 'follow' });
  } catch (err) {
    if (signal?.aborted) throw new EngineError('CANCELED', 'build canceled', { cause: err });
    throw unavailable(`failed to GET ${src}: ${(err as Error).message}`, err);
  }
  const body = Buffer.from(await res.arrayBuffer());
  if (res.status >= 400) throw unavailable(`failed to GET ${src} with status ${res.status} ${res.statusText}: ${body.toString('utf8').slice(0, 1024)}`);
  if (checksum) {
    const got = `sha256:${createHash('sha256').update(body).digest('hex')}`;
    if (got !== checksum) throw invalid(`digest mismatch ${got}: ${checksum}`);
  }
  const name = filenameFor(new URL(src), res.headers.get('content-disposition'));
  await fsp.mkdir(dir, { recursive: true });
  const file = join(dir, name || '__unnamed__');
  await fsp.writeFile(file, body, { mode: 0o600 });
  const lastMod = Date.parse(res.headers.get('last-modified') ?? '');
  const t = Number.isNaN(lastMod) ? new Date(0) : new Date(lastMod);
  await fsp.utimes(file, t, t);
  return { name, dir };
}
