/** Public shapes of the layer module: what applyLayer accepts and reports. */
import type { Digest } from '../../oci/digest.js';

export interface ApplyOptions {
  /**
   * Create device nodes and FIFOs from the tar. Character 0/0 (an overlay-form whiteout) is
   * always allowed; anything else is refused when false.
   * @default true when running as root
   */
  allowDevices?: boolean;
  /**
   * lchown every entry to the tar's uid/gid. Off for unprivileged callers, who could not
   * chown to foreign ids anyway.
   * @default true when running as root
   */
  sameOwner?: boolean;
  /** Entries (tar headers) before RESOURCE_EXHAUSTED. @default 1_000_000 */
  maxEntries?: number;
  /** Uncompressed tar bytes before RESOURCE_EXHAUSTED (a decompression bomb guard). @default 64 GiB */
  maxBytes?: number;
  /** Abort extraction; the promise rejects with CANCELED. */
  signal?: AbortSignal;
}

export interface ApplyResult {
  /** sha256 of the uncompressed tar: the image config's rootfs.diff_ids entry. */
  diffId: Digest;
  /** sha256 of the raw input (the blob as stored or pulled); equals diffId for a plain tar. */
  digest: Digest;
  /** Bytes of raw input read. */
  compressedSize: number;
  /** Bytes of regular files (each inode once) plus symlink target lengths. */
  size: number;
  /** Tar entries seen, skipped ones included. */
  entries: number;
}

export const DEFAULT_MAX_ENTRIES = 1_000_000;
export const DEFAULT_MAX_BYTES = 64 * 1024 ** 3;
/** Linux PATH_MAX and NAME_MAX: longer names cannot be created, so they are refused up front. */
export const PATH_MAX = 4096;
export const NAME_MAX = 255;
