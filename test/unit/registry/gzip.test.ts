/** Parallel gzip: valid multi-member output that any gunzip reads back, byte-identical run to run. */
import { randomBytes } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parallelGzip } from '../../../src/registry/gzip.js';

async function compress(input: Buffer, opts: Parameters<typeof parallelGzip>[0] = {}, chunk = 7000): Promise<Buffer> {
  const parts: Buffer[] = [];
  for (let i = 0; i < input.length; i += chunk) parts.push(input.subarray(i, i + chunk));
  const out: Buffer[] = [];
  for await (const c of Readable.from(parts).pipe(parallelGzip(opts))) out.push(c as Buffer);
  return Buffer.concat(out);
}

const members = (gz: Buffer) => { let n = 0; for (let i = 0; i + 2 < gz.length; i++) if (gz[i] === 0x1f && gz[i + 1] === 0x8b && gz[i + 2] === 8) n++; return n; };

describe('parallelGzip', () => {
  it('round-trips through gunzip with one member per block, in order', async () => {
    const input = Buffer.concat([randomBytes(100_000), Buffer.alloc(150_000, 'a'), randomBytes(3)]);
    const gz = await compress(input, { blockSize: 64 * 1024, concurrency: 3 });
    expect(gunzipSync(gz).equals(input)).toBe(true);
    expect(members(gz)).toBeGreaterThanOrEqual(4);
  });

  it('is deterministic, whatever the input chunking and concurrency', async () => {
    const input = randomBytes(300_000);
    const a = await compress(input, { blockSize: 50_000, concurrency: 1 }, 1000);
    const b = await compress(input, { blockSize: 50_000, concurrency: 4 }, 65536);
    expect(a.equals(b)).toBe(true);
  });

  it('an empty input is still a valid gzip stream', async () => {
    const gz = await compress(Buffer.alloc(0));
    expect(gz.length).toBeGreaterThan(0);
    expect(gunzipSync(gz).length).toBe(0);
  });

  it('a pipeline through it fails with the source\'s error', async () => {
    const src = new Readable({ read() { this.destroy(new Error('boom')); } });
    await expect(pipeline(src, parallelGzip(), new Writable({ write(_c, _e, cb) { cb(); } }))).rejects.toThrow('boom');
  });
});
