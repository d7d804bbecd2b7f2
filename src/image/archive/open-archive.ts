/**
 * The outer archive stream: plain or gzip-compressed (sniffed from the first bytes, as
 * `docker load` accepts both). Errors are classified where they arise, so the caller can tell a
 * corrupt archive (DATA_LOSS) from a failing input stream (kept as the input's own error).
 */
import { Readable, pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { EngineError, dataLoss, isEngineError, toEngineError } from '../../lib/errors.js';
import { sniffCompression } from './format.js';

/**
 * Read `src` as Buffers, turning its errors into EngineErrors (never DATA_LOSS: the input failed,
 * not the archive). Stopping early leaves `src` undestroyed: it is the caller's (an API server
 * still has to answer on the request's socket).
 */
async function* guarded(src: Readable): AsyncGenerator<Buffer> {
  try {
    for await (const c of src.iterator({ destroyOnReturn: false })) yield Buffer.isBuffer(c) ? c : Buffer.from(c as Uint8Array);
  } catch (err) {
    throw toEngineError(err);
  }
}

/** zlib errors mean the archive bytes are bad; an EngineError arriving here came from the input. */
async function* gunzipErrors(gz: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  try {
    for await (const c of gz) yield c;
  } catch (err) {
    if (isEngineError(err)) throw err;
    throw dataLoss(`invalid archive: corrupt gzip stream: ${err instanceof Error ? err.message : String(err)}`, err);
  }
}

/** `p`, or CANCELED as soon as `signal` aborts (the input may never send another byte). */
function abortable<T>(p: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return p;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new EngineError('CANCELED', 'load canceled'));
    // p is dropped: it may still reject (the input failing later) and must not be unhandled
    if (signal.aborted) { p.catch(() => undefined); onAbort(); return; }
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** The decompressed tar bytes of `src`. */
export async function openArchive(src: Readable, signal?: AbortSignal): Promise<Readable> {
  const it = guarded(src);
  let head = Buffer.alloc(0);
  let done = false;
  while (head.length < 4 && !done) {
    const r = await abortable(it.next(), signal);
    if (r.done) done = true;
    else head = Buffer.concat([head, r.value]);
  }
  async function* rest(): AsyncGenerator<Buffer> {
    if (head.length) yield head;
    if (!done) yield* it;
  }
  const body = quiet(Readable.from(rest(), { objectMode: false }));
  if (sniffCompression(head) !== 'gzip') return body;
  // the pipeline's own callback is a no-op: its errors surface through iterating the gunzip stream
  const gz = pipeline(body, createGunzip(), () => undefined);
  return quiet(Readable.from(gunzipErrors(gz), { objectMode: false }));
}

/**
 * A reader that stopped early (a corrupt entry found) leaves these streams unread; the input
 * failing afterwards (an API client hanging up) must not become an unhandled 'error' event that
 * kills the process. Readers attach their own listeners, so they still see every error.
 */
function quiet(r: Readable): Readable {
  r.on('error', () => undefined);
  return r;
}
