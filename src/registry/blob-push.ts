/**
 * Sending blobs: skip what the repository has (HEAD), mount from another repository of the same
 * registry when one is known to hold the blob, else upload. A blob whose digest is known goes up
 * in one PUT (monolithic); a blob produced while it is sent (a layer being compressed) streams
 * through PATCH and is closed with the digest computed on the way.
 */
import type { Readable } from 'node:stream';
import { isEngineError } from '../lib/errors.js';
import type { Digest } from '../oci/digest.js';
import { isRetryable } from './http-errors.js';
import type { Repository } from './repository.js';

export type PushOutcome = { kind: 'exists' } | { kind: 'mounted'; from: string } | { kind: 'pushed' };

export interface PushBlobOptions {
  /** Repositories (paths on this registry) known to hold the blob. */
  mountFrom?: string[];
  onSent?: (bytes: number) => void;
  attempts?: number;
  signal?: AbortSignal;
}

/** Push a blob whose digest and size are known; `open` gives its bytes (called once per attempt). */
export async function pushBlob(repo: Repository, desc: { digest: Digest; size: number }, open: () => Readable, o: PushBlobOptions = {}): Promise<PushOutcome> {
  if (await repo.blobExists(desc.digest)) return { kind: 'exists' };
  let location: URL | undefined;
  for (const from of o.mountFrom ?? []) {
    if (from === repo.path) continue;
    try {
      const r = await repo.mount(desc.digest, from);
      if (r === 'mounted') return { kind: 'mounted', from };
      location = r;
      break;
    } catch (err) {
      // no pull access to the source, or it is gone: docker falls back to a plain upload
      if (isEngineError(err, 'CANCELED')) throw err;
    }
  }
  const attempts = o.attempts ?? 1;
  for (let attempt = 1; ; attempt++) {
    try {
      location ??= await repo.startUpload();
      await repo.finishUpload(location, desc.digest, { data: open(), size: desc.size }, o.onSent);
      return { kind: 'pushed' };
    } catch (err) {
      if (!isRetryable(err) || attempt >= attempts || o.signal?.aborted) throw err;
      location = undefined; // a failed session is not reused
    }
  }
}

/**
 * Stream a blob whose digest is only known at the end: POST, PATCH the stream, then PUT with the
 * digest `finish()` returns once the stream has been consumed.
 */
export async function pushStream(repo: Repository, open: () => Readable, finish: () => Promise<Digest>, onSent?: (n: number) => void): Promise<Digest> {
  const location = await repo.startUpload();
  // the producer starts only once the registry accepted the upload
  const next = await repo.patchUpload(location, open(), onSent);
  const digest = await finish();
  await repo.finishUpload(next, digest);
  return digest;
}
