/**
 * Download one blob into a sink, verified while it streams: the bytes are hashed on the way and
 * must match the descriptor's digest and size. A dropped or stalled connection is resumed with a
 * Range request from the byte reached (docker's xfer does the same from its temp file); when the
 * registry ignores the Range, the sink is reset and the blob starts over. Attempts are bounded and
 * spaced like docker's ("Retrying in N seconds").
 *
 * Across processes, the caller passes `start`: the bytes an earlier, killed pull left (already
 * hashed by the caller); the first request then asks for the rest with a Range (see
 * src/image/pull-partial.ts).
 */
import { type Hash, createHash } from 'node:crypto';
import { EngineError, dataLoss, isEngineError, toEngineError } from '../lib/errors.js';
import { type Digest, digestOfHash } from '../oci/digest.js';
import { discard } from './http.js';
import { isRetryable, transportError } from './http-errors.js';
import type { Repository } from './repository.js';

export interface BlobSink {
  write(chunk: Buffer): Promise<void> | void;
  /** Forget everything written: the download starts again from byte 0. */
  reset(): Promise<void>;
}

export interface FetchOptions {
  attempts: number;
  retryDelayMs: number;
  /** Bytes received so far (including bytes kept from earlier attempts) and the blob size. */
  onProgress?: (current: number, total: number) => void;
  /** Called once per second while waiting to retry, docker's "Retrying in N seconds". */
  onRetryWait?: (secondsLeft: number) => void;
  signal?: AbortSignal;
  /** Resume: bytes already in the sink from an earlier process, and their running hash. */
  start?: { offset: number; hash: Hash };
}

export async function fetchBlob(repo: Repository, desc: { digest: Digest; size: number }, sink: BlobSink, o: FetchOptions): Promise<void> {
  let hash = o.start?.hash ?? createHash('sha256');
  let offset = o.start?.offset ?? 0;
  let resumed = offset > 0;
  const restart = async () => {
    await sink.reset();
    hash = createHash('sha256');
    offset = 0;
    resumed = false;
  };
  if (offset > 0 && offset >= desc.size) {
    // an earlier process received everything but was killed before committing
    if (offset === desc.size && digestOfHash(hash) === desc.digest) return;
    await restart();
  }
  for (let attempt = 1; ; attempt++) {
    try {
      const res = await repo.openBlob(desc.digest, offset);
      if (offset > 0 && res.status === 200) {
        // the registry sent the whole blob again: start over with this response
        await restart();
      } else if (offset > 0 && res.status === 206) {
        resumed = true;
      } else if (res.status === 416 && offset > 0) {
        discard(res);
        await restart();
        throw new EngineError('UNAVAILABLE', 'range not satisfiable', { detail: { retryable: true } });
      } else if (res.status !== 200) {
        await repo.fail(res, 'GET');
      }
      let sinkError: unknown;
      try {
        for await (const c of res.body) {
          const chunk = c as Buffer;
          if (offset + chunk.length > desc.size) {
            throw dataLoss(`filesystem layer verification failed for digest ${desc.digest}: more than the ${desc.size} bytes announced`);
          }
          hash.update(chunk);
          offset += chunk.length;
          // the sink's own failures (disk full, a refused layer entry) are final, not network trouble
          try { await sink.write(chunk); } catch (err) { sinkError = err; break; }
          o.onProgress?.(offset, desc.size);
        }
      } catch (err) {
        throw isEngineError(err) ? err : transportError(err, 'GET', res.url);
      }
      if (sinkError) throw toEngineError(sinkError);
      if (offset < desc.size) {
        throw new EngineError('UNAVAILABLE', `GET "${res.url}": unexpected EOF`, { detail: { retryable: true } });
      }
      if (digestOfHash(hash) === desc.digest) return;
      const err = dataLoss(`filesystem layer verification failed for digest ${desc.digest}`);
      // a mismatch after a resume may be the splice's fault: one clean try is allowed (as docker)
      if (!resumed || attempt >= o.attempts) throw err;
      await restart();
    } catch (err) {
      if (!isRetryable(err) || attempt >= o.attempts || o.signal?.aborted) throw err;
      await wait(attempt * o.retryDelayMs, o);
    }
  }
}

async function wait(ms: number, o: FetchOptions): Promise<void> {
  let left = Math.ceil(ms / 1000);
  while (ms > 0) {
    o.onRetryWait?.(left);
    const step = Math.min(ms, 1000);
    await new Promise<void>((res, rej) => {
      const onAbort = () => { clearTimeout(t); rej(new EngineError('CANCELED', 'download cancelled during retry delay')); };
      const t = setTimeout(() => { o.signal?.removeEventListener('abort', onAbort); res(); }, step);
      o.signal?.addEventListener('abort', onAbort, { once: true });
    });
    ms -= step;
    left--;
  }
}
