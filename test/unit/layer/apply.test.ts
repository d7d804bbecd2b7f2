/** applyLayer on benign layers: the tree it builds, digests, size accounting, duplicates. */
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lgetxattr } from '../../../src/lib/native.js';
import { FIXED_MTIME, makeTar, makeTarGz, sha256, snapshotTree, withBinaryPax } from '../../helpers/tar.js';
import { LayerFixture } from './fixture.js';

let fx: LayerFixture;
beforeEach(async () => { fx = await LayerFixture.create(); });
afterEach(async () => { await fx.cleanup(); });

const T = FIXED_MTIME.getTime();
const DIR_TIME = new Date('2020-05-06T07:08:09Z');

describe('applyLayer builds the tree', () => {
  it('files, directories, symlinks and hardlinks with their modes and mtimes', async () => {
    const res = await fx.apply(await makeTar([
      { name: 'etc/', type: 'directory', mode: 0o750, mtime: DIR_TIME },
      { name: 'etc/hosts', content: '127.0.0.1 localhost\n', mode: 0o640 },
      { name: 'bin/sh', content: '#!', mode: 0o755 },
      { name: 'bin/ash', type: 'link', linkname: 'bin/sh' },
      { name: 'usr/bin/env', type: 'symlink', linkname: '../../bin/sh' },
    ]));
    const tree = await snapshotTree(fx.dest);
    expect(tree['etc']).toMatch(new RegExp(`^dir 750 \\d+:\\d+ t${DIR_TIME.getTime()}$`)); // after its child was created
    expect(tree['etc/hosts']).toMatch(new RegExp(`^file \\w+ 640 \\d+:\\d+ t${T}$`));
    expect(tree['bin']).toMatch(/^dir 755 /); // implicit parent
    expect(tree['bin/ash']).toMatch(/link:bin\/ash n2$/);
    expect(tree['usr/bin/env']).toMatch(new RegExp(`^symlink ../../bin/sh 777 \\d+:\\d+ t${T}$`));
    // 20 + 2 bytes of files (the hardlink once) + 12 bytes of symlink target
    expect(res).toMatchObject({ size: 20 + 2 + 12, entries: 5 });
  });

  it('the root entry ./ sets the layer root attributes; AUFS metadata is skipped but counted', async () => {
    const res = await fx.apply(await makeTar([
      { name: './', type: 'directory', mode: 0o700, mtime: DIR_TIME },
      { name: '.wh..wh.plnk/', type: 'directory' },
      { name: '.wh..wh.plnk/123.456', content: 'aufs' },
      { name: 'a', content: 'a' },
    ]));
    const st = await fsp.stat(fx.dest);
    expect([st.mode & 0o7777, st.mtimeMs]).toEqual([0o700, DIR_TIME.getTime()]);
    expect(await fsp.readdir(fx.dest)).toEqual(['a']);
    expect(res.entries).toBe(4);
  });

  it('duplicate paths: the last entry wins, and size follows what remains', async () => {
    const res = await fx.apply(await makeTar([
      { name: 'd/', type: 'directory' },
      { name: 'd/big', content: Buffer.alloc(1000) },
      { name: 'd', content: 'file now' }, // replaces the directory and its subtree
      { name: 'f', content: 'first' },
      { name: 'f/', type: 'directory' }, // and a file replaced by a directory
      { name: 'g', content: '12345' },
      { name: 'g2', type: 'link', linkname: 'g' },
      { name: 'g', content: 'x' }, // the inode lives on through g2
    ]));
    expect(await fsp.readFile(join(fx.dest, 'd'), 'utf8')).toBe('file now');
    expect((await fsp.lstat(join(fx.dest, 'f'))).isDirectory()).toBe(true);
    expect(await fsp.readFile(join(fx.dest, 'g2'), 'utf8')).toBe('12345');
    expect(res.size).toBe(8 + 5 + 1);
  });

  it('user xattrs are restored on directories as well as files', async () => {
    await fx.apply(await makeTar([{ name: 'd/', type: 'directory', pax: { 'SCHILY.xattr.user.note': 'dir' } }]));
    expect(lgetxattr(join(fx.dest, 'd'), 'user.note')?.toString()).toBe('dir');
  });

  it('a tar without end-of-archive blocks is applied completely, its last entry included', async () => {
    const tar = await makeTar([{ name: 'a', content: 'a' }, { name: 'z', content: Buffer.alloc(200_000, 1), mode: 0o600 }]);
    const cut = tar.subarray(0, tar.length - 1024); // tar-stream ends with exactly two zero blocks
    const res = await fx.apply(cut);
    const st = await fsp.lstat(join(fx.dest, 'z'));
    expect([st.size, st.mode & 0o7777, st.mtimeMs]).toEqual([200_000, 0o600, T]);
    expect(res.diffId).toBe(sha256(cut));
  });

  it('a binary xattr value survives the PAX header byte for byte', async () => {
    const value = Buffer.from([0x01, 0x00, 0x00, 0x02, 0x80, 0xff, 0xc3, 0x28]);
    const tar = withBinaryPax(await makeTar([{ name: 'f', content: 'x', pax: { 'SCHILY.xattr.user.bin': 'PLACEHOL' } }]), 'PLACEHOL', value);
    await fx.apply(tar);
    expect(lgetxattr(join(fx.dest, 'f'), 'user.bin')).toEqual(value);
  });
});

describe('applyLayer digests', () => {
  const entries = [{ name: 'a/', type: 'directory' as const }, { name: 'a/b', content: 'hello\n' }];

  it('diffId is the sha256 of the plain tar; gzip and plain give the same diffId', async () => {
    const plain = await makeTar(entries);
    const gz = await makeTarGz(entries);
    const p = await fx.apply(plain);
    const z = await fx.apply(gz, {}, await fsp.mkdtemp(join(fx.base, 'z-')));
    expect(p).toMatchObject({ diffId: sha256(plain), digest: sha256(plain), compressedSize: plain.length });
    expect(z).toMatchObject({ diffId: sha256(plain), digest: sha256(gz), compressedSize: gz.length });
  });

  it('an empty input is an empty layer', async () => {
    expect(await fx.apply(Buffer.alloc(0))).toMatchObject({ diffId: sha256(Buffer.alloc(0)), entries: 0, size: 0 });
  });
});
