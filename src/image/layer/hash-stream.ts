/**
 * A pass-through that hashes and counts what flows through it, so digests are computed while
 * streaming (no temp copy). An optional byte limit turns a runaway stream into an error.
 */
import { Transform, type TransformCallback } from 'node:stream';
import { createHash } from 'node:crypto';
import { digestOfHash, type Digest } from '../../oci/digest.js';

export interface HashStreamOptions {
  /** Fail with `onLimit()` once more than this many bytes have passed. */
  limit?: number;
  onLimit?: () => Error;
}

export class HashStream extends Transform {
  readonly #hash = createHash('sha256');
  readonly #opts: HashStreamOptions;
  #size = 0;
  #digest: Digest | undefined;

  constructor(opts: HashStreamOptions = {}) {
    super();
    this.#opts = opts;
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    this.#size += chunk.length;
    const { limit, onLimit } = this.#opts;
    if (limit !== undefined && this.#size > limit) {
      cb(onLimit ? onLimit() : new RangeError(`stream exceeds ${limit} bytes`));
      return;
    }
    this.#hash.update(chunk);
    cb(null, chunk);
  }

  /** Bytes seen so far. */
  get size(): number {
    return this.#size;
  }

  /** The sha256 of everything seen; call once the stream has ended (later calls return the same). */
  digest(): Digest {
    this.#digest ??= digestOfHash(this.#hash);
    return this.#digest;
  }
}

export function hashStream(opts?: HashStreamOptions): HashStream {
  return new HashStream(opts);
}
