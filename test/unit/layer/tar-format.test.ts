/** The PAX codec and the tar encoder, read back by tar-stream (an independent reader). */
import { Readable } from 'node:stream';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodePax, parsePax } from '../../../src/image/layer/pax.js';
import { encodeHeader, endOfArchive, padding, type TarHeader } from '../../../src/image/layer/tar-writer.js';
import { applyLayer } from '../../../src/image/layer/index.js';
import { lgetxattr } from '../../../src/lib/native.js';
import { listTar } from '../../helpers/tar.js';
import { LayerFixture } from './fixture.js';

const tarOf = (entries: [TarHeader, Buffer?][]) =>
  Buffer.concat([...entries.flatMap(([h, body]) => (body ? [encodeHeader(h), body, padding(body.length)] : [encodeHeader(h)])), endOfArchive()]);
const base = { mode: 0o644, uid: 0, gid: 0, size: 0, mtime: 1_700_000_000 };

describe('PAX records', () => {
  it('round-trip binary values, sorted by key', () => {
    const recs = new Map([['b', Buffer.from([0, 0x80, 0xff, 0x0a])], ['a', Buffer.from('x')]]);
    const enc = encodePax(recs);
    expect(enc.toString('latin1').startsWith('6 a=x\n')).toBe(true);
    expect(parsePax(enc)).toEqual(new Map([['a', Buffer.from('x')], ['b', Buffer.from([0, 0x80, 0xff, 0x0a])]]));
  });

  it('length prefixes count their own digits across a digit boundary', () => {
    for (const n of [1, 90, 92, 93, 94, 95, 96, 990, 993, 994, 995, 996]) {
      const enc = encodePax(new Map([['k', Buffer.alloc(n, 'v')]]));
      expect(Number(enc.toString('latin1').split(' ')[0])).toBe(enc.length);
      expect(parsePax(enc).get('k')!.length).toBe(n);
    }
  });

  it.each(['5 a=b', '3 a=b\n', 'x a=b\n', '6 ab\nc\n', '99 a=b\n'])('%j is malformed', (s) => {
    expect(() => parsePax(Buffer.from(s))).toThrow(/malformed/);
  });
});

describe('encodeHeader', () => {
  it('writes what tar-stream reads: long and non-ASCII names via PAX, base-256 ids, devices', async () => {
    const long = 'd/'.repeat(80) + 'leaf';
    const tar = tarOf([
      [{ ...base, name: 'short', type: 'file', size: 3 }, Buffer.from('abc')],
      [{ ...base, name: long, type: 'file' }],
      [{ ...base, name: 'ünï/cødé', type: 'symlink', linkname: 'l'.repeat(150) }],
      [{ ...base, name: 'big-ids', type: 'file', uid: 3_000_000, gid: 70_000 }],
      [{ ...base, name: 'x'.repeat(90) + '/' + 'y'.repeat(95), type: 'directory' }],
      [{ ...base, name: 'dev/null', type: 'character-device', devmajor: 1, devminor: 3, mode: 0o666 }],
    ]);
    const got = await listTar(tar);
    expect(got.map((e) => e.header.name)).toEqual(['short', long, 'ünï/cødé', 'big-ids', 'x'.repeat(90) + '/' + 'y'.repeat(95), 'dev/null']);
    expect(got[0]!.content.toString()).toBe('abc');
    expect(got[2]!.header).toMatchObject({ type: 'symlink', linkname: 'l'.repeat(150) });
    expect(got[3]!.header).toMatchObject({ uid: 3_000_000, gid: 70_000 });
    expect(got[4]!.header.type).toBe('directory');
    expect(got[5]!.header).toMatchObject({ type: 'character-device', devmajor: 1, devminor: 3, mode: 0o666 });
    expect(got.every((e) => e.header.mtime.getTime() === 1_700_000_000_000)).toBe(true);
  });

  describe('binary xattrs', () => {
    let fx: LayerFixture;
    beforeEach(async () => { fx = await LayerFixture.create(); });
    afterEach(async () => { await fx.cleanup(); });

    it('reach applyLayer byte for byte', async () => {
      const value = Buffer.from([0x00, 0x7f, 0x80, 0xc3, 0xff, 0x0a, 0x3d]);
      const tar = tarOf([[{ ...base, name: 'f', type: 'file', size: 1, xattrs: new Map([['user.k', value]]) }, Buffer.from('z')]]);
      await applyLayer(Readable.from([tar]), fx.dest);
      expect(lgetxattr(join(fx.dest, 'f'), 'user.k')).toEqual(value);
    });
  });
});
