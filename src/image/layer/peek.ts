/**
 * Look at the first bytes of a stream without consuming them, to pick a decoder (gzip or
 * plain) before the pipeline is built. The bytes are unshifted, so hashes downstream still
 * see the whole input.
 */
import { Readable } from 'node:stream';

export interface Peeked {
  /** Up to `n` leading bytes (fewer only when the stream is shorter). */
  head: Buffer;
  /** The stream to read from now: the input itself, or a replacement when it already ended. */
  stream: Readable;
}

export function peek(input: Readable, n: number): Promise<Peeked> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let len = 0;
    const cleanup = () => {
      input.off('readable', onReadable);
      input.off('end', onEnd);
      input.off('error', onError);
      input.off('close', onClose);
    };
    const onReadable = () => {
      let chunk: Buffer | string | null;
      while (len < n && (chunk = input.read()) !== null) {
        const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
        chunks.push(buf);
        len += buf.length;
      }
      if (len < n) return;
      cleanup();
      const all = Buffer.concat(chunks);
      input.unshift(all);
      resolve({ head: all.subarray(0, n), stream: input });
    };
    // Shorter than n bytes: the input cannot take data back after 'end', so hand over a copy.
    const onEnd = () => {
      cleanup();
      const all = Buffer.concat(chunks);
      resolve({ head: all, stream: Readable.from(all.length ? [all] : [], { objectMode: false }) });
    };
    const onError = (err: unknown) => {
      cleanup();
      reject(err);
    };
    // Destroyed without an error (or torn down by an abort): nothing more will arrive.
    const onClose = () => onError(new Error('stream closed before any data'));
    input.on('readable', onReadable);
    input.on('end', onEnd);
    input.on('error', onError);
    input.on('close', onClose);
  });
}
