/**
 * Partial layer downloads that outlive the process (containerd's Writer(ref) ingests): a pull
 * writes each layer to `ingest/partial-<digest hex>/data` instead of an anonymous ingest, so a
 * pull killed mid-layer leaves the bytes received under the blob's digest and the next pull of
 * any image with that layer resumes them with a Range request (src/image/pull-layer.ts).
 *
 * The lease on a partial is an flock(2) on its data file while a writer holds it (the kernel
 * drops it when the writer dies) plus its freshness: GC and every pull remove partials that no
 * one holds and that have not grown for PARTIAL_TTL_MS. A partial held by another process
 * (two pulls of one layer at once) is not shared: the second pull uses an anonymous ingest.
 */
import { closeSync, createReadStream, fstatSync, openSync, promises as fsp } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { fsyncDir } from '../lib/atomic.js';
import { dataLoss, errnoCode } from '../lib/errors.js';
import { LOCK_EX, LOCK_NB, LOCK_UN, flock } from '../lib/native.js';
import { type Digest, hexOf } from '../oci/digest.js';
import { FsContentStore } from '../store/content/fs-content-store.js';
import type { BlobInfo, Writer } from '../store/content/types.js';
import type { ImageStore } from './image-store.js';

/** How long an unheld partial is kept since it last grew (containerd's ingest leases: 24 h). */
export const PARTIAL_TTL_MS = 24 * 3600_000;

const PREFIX = 'partial-';

export function partialDir(store: ImageStore, digest: Digest): string {
  return join(store.meta.root, 'ingest', `${PREFIX}${hexOf(digest)}`);
}

/** A writer on a digest-keyed partial; `release` keeps the bytes for a later pull. */
export interface PartialWriter extends Writer {
  /** Bytes found from an earlier pull when the writer was opened. */
  readonly resumedFrom: number;
  /** The bytes already there (0 … resumedFrom), to re-hash and unpack before resuming. */
  existing(): Readable;
  /** Close and unlock, keeping the data: a later pull resumes from here. */
  release(): Promise<void>;
}

/**
 * Open (or create) the partial for `desc` and lock it; undefined when another live writer holds
 * it. Data beyond the blob's size (never written by berth) is dropped; a complete-looking file
 * is kept whole: the digest check at the end decides.
 */
export async function openPartial(store: ImageStore, desc: { digest: Digest; size: number }): Promise<PartialWriter | undefined> {
  const dir = partialDir(store, desc.digest);
  await fsp.mkdir(dir, { recursive: true });
  const file = join(dir, 'data');
  const fd = openSync(file, 'a+', 0o644);
  if (!flock(fd, LOCK_EX | LOCK_NB)) { closeSync(fd); return undefined; }
  // a sweeper may have removed the directory between our open and our lock: start again then
  const same = await fsp.stat(file).then((st) => st.ino === fstatSync(fd).ino, () => false);
  if (!same) { flock(fd, LOCK_UN); closeSync(fd); return openPartial(store, desc); }
  const fh = await fsp.open(file, 'r+');
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await fh.close().catch(() => undefined);
    flock(fd, LOCK_UN);
    closeSync(fd);
  };
  let offset = (await fh.stat()).size;
  if (offset > desc.size) { await fh.truncate(0); offset = 0; }
  const resumedFrom = offset;
  // what the partial is, for `system check`-style inspection; bytes received = size of data
  await fsp.writeFile(join(dir, 'info.json'), JSON.stringify({ digest: desc.digest, size: desc.size }));
  const abort = async () => {
    await close();
    await fsp.rm(dir, { recursive: true, force: true });
  };
  return {
    resumedFrom,
    get offset() { return offset; },
    existing: () => createReadStream(file, { start: 0, end: resumedFrom - 1, highWaterMark: 1 << 20 }),
    async write(chunk: Uint8Array) {
      let off = 0;
      while (off < chunk.length) {
        const { bytesWritten } = await fh.write(chunk, off, chunk.length - off, offset + off);
        off += bytesWritten;
      }
      offset += chunk.length;
    },
    async commit(expected?: { digest?: Digest; size?: number }): Promise<BlobInfo> {
      // the caller verified the digest while the bytes streamed (blob-fetch); the size is checked again
      if (expected?.size !== undefined && expected.size !== offset) {
        await abort();
        throw dataLoss(`size mismatch: expected ${expected.size} bytes for ${desc.digest}, got ${offset}`);
      }
      await fh.sync();
      const content = store.content;
      if (content instanceof FsContentStore) {
        const target = content.path(desc.digest);
        await fsp.mkdir(join(target, '..'), { recursive: true });
        await fsp.rename(file, target);
        await fsyncDir(join(target, '..'));
      } else {
        await content.writeBlob(await fsp.readFile(file), desc.digest);
      }
      await close();
      await fsp.rm(dir, { recursive: true, force: true });
      return { digest: desc.digest, size: offset };
    },
    abort,
    release: close,
  };
}

/**
 * Remove partials nobody holds that have not grown for `ttlMs`; returns how many went.
 * The lock is taken before removing, so a pull that just opened one keeps it.
 */
export async function removeStalePartials(store: ImageStore, ttlMs = PARTIAL_TTL_MS, now = Date.now()): Promise<number> {
  const base = join(store.meta.root, 'ingest');
  let names: string[];
  try { names = await fsp.readdir(base); } catch (err) {
    if (errnoCode(err) === 'ENOENT') return 0;
    throw err;
  }
  let removed = 0;
  for (const n of names.filter((x) => x.startsWith(PREFIX))) {
    const dir = join(base, n);
    const st = await fsp.stat(join(dir, 'data')).catch(() => undefined);
    if (st && now - st.mtimeMs < ttlMs) continue;
    let fd: number;
    try { fd = openSync(join(dir, 'data'), 'a+'); } catch { await fsp.rm(dir, { recursive: true, force: true }); removed++; continue; }
    try {
      if (!flock(fd, LOCK_EX | LOCK_NB)) continue;
      await fsp.rm(dir, { recursive: true, force: true });
      removed++;
    } finally {
      closeSync(fd);
    }
  }
  return removed;
}
