/** In-memory content store with the same contract as FsContentStore, for unit tests and fakes. */
import { Readable } from 'node:stream';
import { createHash } from 'node:crypto';
import { type Digest, digestOfHash } from '../../oci/digest.js';
import { dataLoss, notFound } from '../../lib/errors.js';
import type { BlobInfo, ContentStore, Writer } from './types.js';

export class MemoryContentStore implements ContentStore {
  private readonly blobs = new Map<Digest, Buffer>();

  reader(digest: Digest): Readable {
    const b = this.blobs.get(digest);
    if (!b) {
      const r = new Readable({ read() { /* errors below */ } });
      process.nextTick(() => r.destroy(notFound(`blob ${digest} not found`)));
      return r;
    }
    return Readable.from([b]);
  }

  async readBlob(digest: Digest): Promise<Buffer> {
    const b = this.blobs.get(digest);
    if (!b) throw notFound(`blob ${digest} not found`);
    return b;
  }

  async info(digest: Digest): Promise<BlobInfo | undefined> {
    const b = this.blobs.get(digest);
    return b ? { digest, size: b.length } : undefined;
  }

  async writer(): Promise<Writer> {
    const chunks: Buffer[] = [];
    const hash = createHash('sha256');
    let offset = 0;
    const blobs = this.blobs;
    return {
      get offset() { return offset; },
      async write(chunk) { hash.update(chunk); chunks.push(Buffer.from(chunk)); offset += chunk.length; },
      async commit(expected) {
        const digest = digestOfHash(hash);
        if (expected?.size !== undefined && expected.size !== offset) throw dataLoss(`size mismatch: expected ${expected.size} bytes, got ${offset}`);
        if (expected?.digest && expected.digest !== digest) throw dataLoss(`digest mismatch: expected ${expected.digest}, got ${digest}`);
        blobs.set(digest, Buffer.concat(chunks));
        return { digest, size: offset };
      },
      async abort() { chunks.length = 0; },
    };
  }

  async writeBlob(data: Uint8Array, expected?: Digest): Promise<BlobInfo> {
    const w = await this.writer();
    await w.write(data);
    return w.commit(expected ? { digest: expected } : undefined);
  }

  async list(): Promise<BlobInfo[]> {
    return [...this.blobs].map(([digest, b]) => ({ digest, size: b.length }));
  }

  async delete(digest: Digest): Promise<void> {
    this.blobs.delete(digest);
  }
}
