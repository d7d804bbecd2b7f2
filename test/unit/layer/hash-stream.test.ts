/** HashStream: digest and size of what passes through, and its byte limit. */
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { hashStream } from '../../../src/image/layer/index.js';
import { sha256 } from '../../helpers/tar.js';

const sink = () => new Writable({ write: (_c, _e, cb) => cb() });

describe('HashStream', () => {
  it('passes data through while hashing and counting it', async () => {
    const data = Buffer.from('hello, layer');
    const h = hashStream();
    const out: Buffer[] = [];
    await pipeline(Readable.from([data.subarray(0, 5), data.subarray(5)]), h, new Writable({
      write: (c: Buffer, _e, cb) => { out.push(c); cb(); },
    }));
    expect(Buffer.concat(out)).toEqual(data);
    expect([h.digest(), h.size]).toEqual([sha256(data), data.length]);
    expect(h.digest()).toBe(h.digest());
  });

  it('fails with the given error past its limit', async () => {
    const h = hashStream({ limit: 4, onLimit: () => new Error('too big') });
    await expect(pipeline(Readable.from([Buffer.alloc(3), Buffer.alloc(3)]), h, sink())).rejects.toThrow('too big');
  });
});
