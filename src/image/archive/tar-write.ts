/**
 * Streaming a tar into a caller's writable with backpressure both ways: blob bytes flow from the
 * content store into tar entries, tar bytes into `out`, never buffered whole and never via a
 * temp file. Headers are fixed (root-owned, epoch mtime) so the same images give the same bytes.
 */
import { finished } from 'node:stream/promises';
import type { EventEmitter } from 'node:events';
import type { Pack } from 'tar-stream';
import { unavailable } from '../../lib/errors.js';

const EPOCH = new Date(0);

export interface Drainable {
  readonly destroying?: boolean;
  readonly destroyed?: boolean;
  once(ev: string, fn: (...a: unknown[]) => void): unknown;
  removeListener(ev: string, fn: (...a: unknown[]) => void): unknown;
}

/** Resolves on 'drain' or 'close', or at once if the stream is being torn down (it never drains then). */
export function drained(s: Drainable): Promise<void> {
  return new Promise((resolve) => {
    if (s.destroying || s.destroyed) { resolve(); return; }
    const done = () => { s.removeListener('drain', done); s.removeListener('close', done); resolve(); };
    s.once('drain', done);
    s.once('close', done);
  });
}

export function writeDir(pack: Pack, name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    pack.entry({ name, type: 'directory', mode: 0o755, mtime: EPOCH, uid: 0, gid: 0 }, (err) => (err ? reject(err) : resolve()));
  });
}

export function writeBuffer(pack: Pack, name: string, data: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    pack.entry({ name, size: data.length, mode: 0o644, mtime: EPOCH, uid: 0, gid: 0 }, data, (err) => (err ? reject(err) : resolve()));
  });
}

/** One file entry of known size from an async byte source; a source error destroys the pack. */
export async function writeStream(pack: Pack, name: string, size: number, data: AsyncIterable<Buffer>): Promise<void> {
  let sink!: ReturnType<Pack['entry']>;
  const done = new Promise<void>((resolve, reject) => {
    sink = pack.entry({ name, size, mode: 0o644, mtime: EPOCH, uid: 0, gid: 0 }, (err) => (err ? reject(err) : resolve()));
  });
  sink.on('error', () => undefined); // reported through the entry callback; unlistened it would crash
  done.catch(() => undefined); // observed below; a source error must not leave it unhandled
  try {
    for await (const chunk of data) {
      if (!sink.write(chunk)) await drained(sink as unknown as Drainable);
      if (sink.destroyed) break;
    }
  } catch (err) {
    sink.destroy(err as Error);
    throw err;
  }
  sink.end(null);
  await done;
}

/** Resolves once `out` drains; rejects if it fails or closes first. */
function outputReady(out: EventEmitter): Promise<void> {
  return new Promise((resolve, reject) => {
    const settle = (err?: unknown) => {
      out.off('drain', onDrain); out.off('error', onError); out.off('close', onClose);
      if (err) reject(err); else resolve();
    };
    const onDrain = () => settle();
    const onError = (err: unknown) => settle(err);
    const onClose = () => settle(unavailable('output closed before the archive was written'));
    out.on('drain', onDrain); out.on('error', onError); out.on('close', onClose);
  });
}

/** Copy the pack's bytes into `out`, then end it and wait until it has flushed. */
export async function pumpTo(pack: Pack, out: NodeJS.WritableStream): Promise<void> {
  const em = out as unknown as EventEmitter;
  let failed: unknown;
  // an 'error' with no listener would crash the process; hold it and fail the save instead
  const onError = (err: unknown) => { failed ??= err; };
  em.on('error', onError);
  try {
    for await (const chunk of pack) {
      if (failed) throw failed;
      if (!out.write(chunk as Buffer)) {
        // a failing write may have errored or destroyed `out` already; then no event is coming
        if (failed) throw failed;
        if ((out as { destroyed?: boolean }).destroyed) throw unavailable('output closed before the archive was written');
        await outputReady(em);
      }
    }
    if (failed) throw failed;
    out.end();
    await finished(out);
  } finally {
    em.off('error', onError);
  }
}
