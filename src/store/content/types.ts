/**
 * Content store roles (after containerd's core/content): depend on the narrowest one.
 * Blobs are immutable and addressed by digest; writers go through an ingest that is verified
 * (size + digest) before it becomes visible.
 */
import type { Readable } from 'node:stream';
import type { Digest } from '../../oci/digest.js';

export interface BlobInfo {
  digest: Digest;
  size: number;
}

export interface ContentProvider {
  /** Stream a blob. NOT_FOUND when absent. */
  reader(digest: Digest): Readable;
  readBlob(digest: Digest): Promise<Buffer>;
  info(digest: Digest): Promise<BlobInfo | undefined>;
}

export interface Writer {
  write(chunk: Uint8Array): Promise<void>;
  /** Bytes written so far. */
  readonly offset: number;
  /**
   * Verify and publish. With `expected`, a digest or size mismatch is DATA_LOSS and nothing
   * becomes visible. Committing a blob that already exists is success.
   */
  commit(expected?: { digest?: Digest; size?: number }): Promise<BlobInfo>;
  abort(): Promise<void>;
}

export interface Ingester {
  writer(): Promise<Writer>;
  /** Convenience: ingest a whole buffer. */
  writeBlob(data: Uint8Array, expected?: Digest): Promise<BlobInfo>;
}

export interface ContentManager {
  list(): Promise<BlobInfo[]>;
  delete(digest: Digest): Promise<void>;
}

export type ContentStore = ContentProvider & Ingester & ContentManager;
