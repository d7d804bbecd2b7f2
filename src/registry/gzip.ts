/**
 * Parallel gzip, the way pigz/pgzip split the work: the input is cut into fixed blocks, each block
 * is compressed on libuv's thread pool as its own gzip member, and the members are emitted in order.
 * Concatenated members are one valid gzip stream (RFC 1952 §2.2); Go's gzip reader, containerd,
 * skopeo and node:zlib all read them as one. Same input, level and block size → same bytes, so a
 * recompressed layer keeps its digest.
 */
import { availableParallelism } from 'node:os';
import { Transform, type TransformCallback } from 'node:stream';
import { promisify } from 'node:util';
import { deflateRaw, gzip } from 'node:zlib';

const gzipAsync = promisify(gzip);
const deflateRawAsync = promisify(deflateRaw);

/**
 * Already-compressed or random data costs deflate ~16 ms per MiB and shrinks nothing. Like
 * pgzip's fast path, probe a few slices of each block at level 1 first and store the block
 * (level 0) when they do not shrink. The probe reads only the block, so output stays deterministic.
 */
const PROBE = 16 * 1024;
async function incompressible(block: Buffer): Promise<boolean> {
  if (block.length < 4 * PROBE) return false;
  const slices = [0, block.length / 2, block.length - PROBE].map((at) => block.subarray(Math.floor(at), Math.floor(at) + PROBE));
  const sizes = await Promise.all(slices.map(async (s) => (await deflateRawAsync(s, { level: 1 })).length));
  return sizes.every((n, i) => n >= slices[i]!.length * 0.97);
}

export interface ParallelGzipOptions {
  level?: number;
  /** Uncompressed bytes per member (default 1 MiB). */
  blockSize?: number;
  /** Members compressed at once (default: the number of CPUs). */
  concurrency?: number;
}

export function parallelGzip(o: ParallelGzipOptions = {}): Transform {
  const blockSize = o.blockSize ?? 1 << 20;
  const concurrency = Math.max(1, o.concurrency ?? availableParallelism());
  const level = o.level ?? 6;
  let parts: Buffer[] = [];
  let have = 0;
  const queue: Promise<Buffer>[] = [];
  let started = false;

  const start = (block: Buffer) => {
    started = true;
    // both steps run on the thread pool; the event loop only orders the results
    // one output buffer per member: zlib's default 16 KiB chunks cost a main-thread callback each
    const p = incompressible(block).then((stored) => gzipAsync(block, { level: stored ? 0 : level, chunkSize: block.length + (64 << 10) }));
    p.catch(() => undefined); // observed when it reaches the head of the queue
    queue.push(p);
  };
  const takeBlock = (): Buffer => {
    const all = parts.length === 1 ? parts[0]! : Buffer.concat(parts);
    const block = all.subarray(0, blockSize);
    const rest = all.subarray(blockSize);
    parts = rest.length ? [rest] : [];
    have = rest.length;
    return block;
  };

  return new Transform({
    transform(this: Transform, chunk: Buffer, _enc, cb: TransformCallback) {
      parts.push(chunk);
      have += chunk.length;
      const run = async () => {
        while (have >= blockSize) {
          start(takeBlock());
          // keep at most `concurrency` members in flight; emit finished ones in order
          while (queue.length >= concurrency) this.push(await queue.shift()!);
        }
      };
      run().then(() => cb(), cb);
    },
    flush(this: Transform, cb: TransformCallback) {
      const run = async () => {
        if (have > 0 || !started) start(takeBlock());
        while (queue.length) this.push(await queue.shift()!);
      };
      run().then(() => cb(), cb);
    },
  });
}
