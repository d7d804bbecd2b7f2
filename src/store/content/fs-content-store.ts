/**
 * blobs/sha256/<hex> on disk. Writes land in ingest/<random>/data, are hashed while written,
 * fsynced, verified and renamed into place, so readers never see a partial blob.
 */
import { createReadStream, promises as fsp } from 'node:fs';
import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { type Digest, digestOfHash, hexOf, isDigest } from '../../oci/digest.js';
import { dataLoss, errnoCode, noSpace, notFound } from '../../lib/errors.js';
import { fsyncDir } from '../../lib/atomic.js';
import type { BlobInfo, ContentStore, Writer } from './types.js';

export class FsContentStore implements ContentStore {
  private readonly blobDir: string;
  private readonly ingestDir: string;

  constructor(root: string) {
    this.blobDir = join(root, 'blobs', 'sha256');
    this.ingestDir = join(root, 'ingest');
  }

  path(digest: Digest): string {
    return join(this.blobDir, hexOf(digest));
  }

  reader(digest: Digest): Readable {
    const s = createReadStream(this.path(digest));
    s.on('error', () => undefined); // surfaced to the consumer through the stream itself
    return s;
  }

  async readBlob(digest: Digest): Promise<Buffer> {
    try {
      return await fsp.readFile(this.path(digest));
    } catch (err) {
      if (errnoCode(err) === 'ENOENT') throw notFound(`blob ${digest} not found`);
      throw err;
    }
  }

  async info(digest: Digest): Promise<BlobInfo | undefined> {
    try {
      const st = await fsp.stat(this.path(digest));
      return { digest, size: st.size };
    } catch (err) {
      if (errnoCode(err) === 'ENOENT') return undefined;
      throw err;
    }
  }

  async writer(): Promise<Writer> {
    const dir = join(this.ingestDir, `${Date.now()}-${process.pid}-${randomBytes(6).toString('hex')}`);
    await fsp.mkdir(dir, { recursive: true });
    const file = join(dir, 'data');
    const fh = await fsp.open(file, 'wx', 0o644);
    const hash = createHash('sha256');
    let offset = 0;
    let closed = false;
    const cleanup = async () => {
      if (!closed) { closed = true; await fh.close(); }
      await fsp.rm(dir, { recursive: true, force: true });
    };
    const blobDir = this.blobDir;
    return {
      get offset() { return offset; },
      async write(chunk: Uint8Array) {
        hash.update(chunk);
        let off = 0;
        try {
          while (off < chunk.length) {
            const { bytesWritten } = await fh.write(chunk, off, chunk.length - off);
            off += bytesWritten;
          }
        } catch (err) {
          throw errnoCode(err) === 'ENOSPC' ? noSpace(err, file) : err;
        }
        offset += chunk.length;
      },
      async commit(expected) {
        const digest = digestOfHash(hash);
        if (expected?.size !== undefined && expected.size !== offset) {
          await cleanup();
          throw dataLoss(`size mismatch: expected ${expected.size} bytes for ${expected.digest ?? digest}, got ${offset}`);
        }
        if (expected?.digest && expected.digest !== digest) {
          await cleanup();
          throw dataLoss(`digest mismatch: expected ${expected.digest}, got ${digest}`);
        }
        await fh.sync();
        closed = true;
        await fh.close();
        await fsp.mkdir(blobDir, { recursive: true });
        const target = join(blobDir, hexOf(digest));
        // rename over an existing identical blob is harmless; the content is the same by construction
        await fsp.rename(file, target);
        await fsyncDir(blobDir);
        await fsp.rm(dir, { recursive: true, force: true });
        return { digest, size: offset };
      },
      abort: cleanup,
    };
  }

  async writeBlob(data: Uint8Array, expected?: Digest): Promise<BlobInfo> {
    const w = await this.writer();
    try {
      await w.write(data);
    } catch (err) {
      await w.abort();
      throw err;
    }
    return w.commit(expected ? { digest: expected } : undefined);
  }

  async list(): Promise<BlobInfo[]> {
    let names: string[];
    try {
      names = await fsp.readdir(this.blobDir);
    } catch (err) {
      if (errnoCode(err) === 'ENOENT') return [];
      throw err;
    }
    const out: BlobInfo[] = [];
    for (const n of names) {
      const d = `sha256:${n}`;
      if (!isDigest(d)) continue;
      const info = await this.info(d);
      if (info) out.push(info);
    }
    return out;
  }

  async delete(digest: Digest): Promise<void> {
    await fsp.rm(this.path(digest), { force: true });
  }

  /** Remove ingests left by writers that died (older than maxAgeMs). */
  async cleanIngest(maxAgeMs: number): Promise<number> {
    let names: string[];
    try { names = await fsp.readdir(this.ingestDir); } catch { return 0; }
    let n = 0;
    for (const name of names) {
      const st = await fsp.stat(join(this.ingestDir, name)).catch(() => undefined);
      if (st && Date.now() - st.mtimeMs > maxAgeMs) {
        await fsp.rm(join(this.ingestDir, name), { recursive: true, force: true });
        n++;
      }
    }
    return n;
  }
}
