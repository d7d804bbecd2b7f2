/**
 * Hostile layers (engine-anchors §5.2–5.3, ports of moby/go-archive's breakout tests): each must
 * fail with a typed error naming the entry and leave everything outside the root untouched.
 */
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTar, withHeaderSize, withTypeflag } from '../../helpers/tar.js';
import { LayerFixture } from './fixture.js';

let fx: LayerFixture;
beforeEach(async () => { fx = await LayerFixture.create(); });
afterEach(async () => { await fx.cleanup(); });

describe('applyLayer refuses path escapes', () => {
  it('../victim/dotdot (TestUntarInvalidFilenames)', async () => {
    await fx.expectRefused(await makeTar([{ name: '../victim/dotdot', content: 'x' }]), 'INVALID_ARGUMENT',
      /^refusing to extract "\.\.\/victim\/dotdot": path escapes the layer root$/);
  });

  it('/../victim/slash-dotdot: a leading slash does not launder the escape', async () => {
    await fx.expectRefused(await makeTar([{ name: '/../victim/slash-dotdot', content: 'x' }]), 'INVALID_ARGUMENT', /slash-dotdot.*escapes/);
  });

  it('a/../../victim/x after normalisation (TestUntarParentTraversalContained)', async () => {
    await fx.expectRefused(await makeTar([{ name: 'a/', type: 'directory' }, { name: 'a/../../victim/x', content: 'pwned' }]),
      'INVALID_ARGUMENT', /escapes/);
  });

  it('../dest-evil/secret: the sibling-prefix trick, as a name and as a hardlink', async () => {
    await fx.expectRefused(await makeTar([{ name: '../dest-evil/secret', content: 'pwned' }]), 'INVALID_ARGUMENT', /escapes/);
    await fx.expectRefused(await makeTar([{ name: 'leak', type: 'link', linkname: '../dest-evil/secret' }]),
      'INVALID_ARGUMENT', /^refusing to extract "leak": hardlink target escapes the layer root$/);
  });

  it('a NUL byte in a name (PAX path)', async () => {
    await fx.expectRefused(await makeTar([{ name: 'ok', content: 'x', pax: { path: 'a\0../../victim/x' } }]), 'INVALID_ARGUMENT', /NUL/);
  });
});

describe('applyLayer never writes through symlinks', () => {
  it('relative symlink to the victim dir, then a file beneath it (TestUntarSymlinkBreakout)', async () => {
    const err = await fx.expectRefused(await makeTar([
      { name: 'loophole', type: 'symlink', linkname: '../victim' },
      { name: 'loophole/x', content: 'pwned' },
    ]), 'INVALID_ARGUMENT', /^refusing to extract "loophole\/x": parent "loophole" is a symlink$/);
    expect(err.message).not.toContain(fx.base); // names the entry, not host paths
  });

  it('absolute symlink to the victim dir, then a nested write (TestUntarThroughAbsoluteSymlink)', async () => {
    await fx.expectRefused(await makeTar([
      { name: 'abs', type: 'symlink', linkname: fx.victim },
      { name: 'abs/sub/deep', content: 'pwned' },
    ]), 'INVALID_ARGUMENT', /parent "abs" is a symlink/);
  });

  it('symlink to a victim file, then a regular file of the same name: the link is replaced, not followed', async () => {
    await fx.apply(await makeTar([
      { name: 'hello', type: 'symlink', linkname: join(fx.victim, 'hello') },
      { name: 'hello', content: 'mine' },
      { name: 'rel', type: 'symlink', linkname: '../victim/x' },
      { name: 'rel', type: 'directory' },
    ]));
    await fx.assertVictimUntouched();
    expect(await fsp.readFile(join(fx.dest, 'hello'), 'utf8')).toBe('mine');
    expect((await fsp.lstat(join(fx.dest, 'rel'))).isDirectory()).toBe(true);
  });

  it('a symlink may point anywhere as long as it is not followed (TestUntarInvalidSymlink is benign here)', async () => {
    await fx.apply(await makeTar([{ name: 'out', type: 'symlink', linkname: '../../../../etc/shadow' }]));
    expect(await fsp.readlink(join(fx.dest, 'out'))).toBe('../../../../etc/shadow');
    await fx.assertVictimUntouched();
  });
});

describe('applyLayer hardlink rules', () => {
  it('hardlink to ../victim/x (TestUntarInvalidHardlink)', async () => {
    await fx.expectRefused(await makeTar([
      { name: 'loophole', type: 'link', linkname: '../victim/x' },
      { name: 'loophole', content: 'overwrite' },
    ]), 'INVALID_ARGUMENT', /hardlink target escapes/);
  });

  it('absolute hardlink to a host file resolves inside the root and fails when absent (TestUntarAbsoluteHardlink)', async () => {
    await fx.expectRefused(await makeTar([{ name: 'grab', type: 'link', linkname: join(fx.victim, 'hello') }]),
      'INVALID_ARGUMENT', /^refusing to extract "grab": hardlink target ".*victim\/hello" is not a file extracted in this layer$/);
  });

  it('absolute hardlink to a file of this layer is root-relative and works', async () => {
    await fx.apply(await makeTar([{ name: 'etc/passwd', content: 'root' }, { name: 'p2', type: 'link', linkname: '/etc/passwd' }]));
    const [a, b] = await Promise.all([fsp.lstat(join(fx.dest, 'etc/passwd')), fsp.lstat(join(fx.dest, 'p2'))]);
    expect(b.ino).toBe(a.ino);
  });

  it('hardlink to a symlink (TestUntarHardlinkToSymlink)', async () => {
    await fx.expectRefused(await makeTar([
      { name: 'sym', type: 'symlink', linkname: '../victim/hello' },
      { name: 'hard', type: 'link', linkname: 'sym' },
      { name: 'hard', content: 'through' },
    ]), 'INVALID_ARGUMENT', /^refusing to extract "hard": hardlink target "sym" is not a regular file$/);
  });

  it('hardlink whose target path goes through a symlink parent (TestHardlinkSourceThroughAbsoluteSymlink)', async () => {
    await fx.expectRefused(await makeTar([
      { name: 'v', type: 'symlink', linkname: fx.victim },
      { name: 'h', type: 'link', linkname: 'v/hello' },
    ]), 'INVALID_ARGUMENT', /parent "v" is a symlink/);
  });

  it('hardlink to itself', async () => {
    await fx.expectRefused(await makeTar([{ name: 'f', content: 'x' }, { name: 'f', type: 'link', linkname: './f' }]),
      'INVALID_ARGUMENT', /replaced by the link itself/);
  });

  it('hardlink to a directory', async () => {
    await fx.expectRefused(await makeTar([{ name: 'd/', type: 'directory' }, { name: 'h', type: 'link', linkname: 'd' }]),
      'INVALID_ARGUMENT', /not a regular file/);
  });
});

describe('applyLayer whiteout names', () => {
  it('../.wh.victim escapes before any whiteout handling', async () => {
    await fx.expectRefused(await makeTar([{ name: '../.wh.victim' }]), 'INVALID_ARGUMENT', /escapes/);
  });

  it.each(['.wh.', 'etc/.wh.', '.wh..', 'etc/.wh..', '.wh...'])('%s is rejected (TestOverlayUntarInvalidWhiteoutNames)', async (name) => {
    await fx.expectRefused(await makeTar([{ name }]), 'INVALID_ARGUMENT', /invalid whiteout name/);
  });
});

describe('applyLayer whiteouts and deferred attributes never act through symlinks', () => {
  it('a whiteout or opaque marker beneath a symlink to the victim', async () => {
    await fx.expectRefused(await makeTar([{ name: 'etc', type: 'symlink', linkname: '../victim' }, { name: 'etc/.wh.hello' }]),
      'INVALID_ARGUMENT', /^refusing to extract "etc\/\.wh\.hello": parent "etc" is a symlink$/);
    await fx.expectRefused(await makeTar([{ name: 'etc', type: 'symlink', linkname: fx.victim }, { name: 'etc/.wh..wh..opq' }]),
      'INVALID_ARGUMENT', /parent "etc" is a symlink/);
  });

  it('a directory replaced by a symlink later gets neither its deferred mode/mtime nor its opaque mark', async () => {
    await fx.apply(await makeTar([
      { name: 'd/', type: 'directory', mode: 0o777, mtime: new Date(0) },
      { name: 'd/.wh..wh..opq' },
      { name: 'd', type: 'symlink', linkname: '../victim' },
      { name: 'hello', type: 'symlink', linkname: '../victim/hello' },
      { name: '.wh.hello' }, // replaces the symlink, never follows it
    ]), { allowDevices: false });
    await fx.assertVictimUntouched();
    expect((await fsp.lstat(join(fx.dest, 'd'))).isSymbolicLink()).toBe(true);
    expect((await fsp.lstat(join(fx.dest, 'hello'))).isCharacterDevice()).toBe(true);
  });
});

describe('applyLayer limits and devices', () => {
  it('an absurd size header is refused before anything is written', async () => {
    const tar = withHeaderSize(await makeTar([{ name: 'bomb', content: 'x' }]), 'bomb', 2 ** 50);
    await fx.expectRefused(tar, 'RESOURCE_EXHAUSTED', /"bomb" declares 1125899906842624 bytes/);
    await expect(fsp.lstat(join(fx.dest, 'bomb'))).rejects.toThrow(/ENOENT/);
  });

  it('maxBytes bounds the uncompressed stream, maxEntries the entry count', async () => {
    const big = await makeTar([{ name: 'a', content: Buffer.alloc(4096) }]);
    await fx.expectRefused(big, 'RESOURCE_EXHAUSTED', /limit of 2048 bytes/, { maxBytes: 2048 });
    const many = await makeTar(Array.from({ length: 5 }, (_, i) => ({ name: `f${i}` })));
    await fx.expectRefused(many, 'RESOURCE_EXHAUSTED', /more than 4 entries/, { maxEntries: 4 });
  });

  it('the running total of the uncompressed stream is capped even when every entry is small', async () => {
    const tar = await makeTar(Array.from({ length: 10 }, (_, i) => ({ name: `f${i}`, content: Buffer.alloc(1000) })));
    await fx.expectRefused(tar, 'RESOURCE_EXHAUSTED', /^layer is larger than the limit of 4096 bytes uncompressed$/, { maxBytes: 4096 });
  });

  it('unsupported entry types (GNU sparse) are refused, not silently written as something else', async () => {
    const tar = withTypeflag(await makeTar([{ name: 'sparse', content: 'x' }]), 'sparse', 'S');
    await fx.expectRefused(tar, 'INVALID_ARGUMENT', /^refusing to extract "sparse": unsupported tar entry type$/);
  });

  it('path components over NAME_MAX are refused', async () => {
    await fx.expectRefused(await makeTar([{ name: 'a'.repeat(256) }]), 'INVALID_ARGUMENT', /component over 255 bytes/);
  });

  it.each([
    ['character-device', 1, 3],
    ['block-device', 8, 0],
  ] as const)('a %s %i/%i with allowDevices=false (TestHandleTarTypeBlockCharFifoDeviceRange)', async (type, devmajor, devminor) => {
    await fx.expectRefused(await makeTar([{ name: 'dev/node', type, devmajor, devminor }]), 'INVALID_ARGUMENT',
      new RegExp(`^refusing to extract "dev/node": ${type} entries are not allowed$`), { allowDevices: false });
    await expect(fsp.lstat(join(fx.dest, 'dev/node'))).rejects.toThrow(/ENOENT/);
  });

  it('a fifo with allowDevices=false', async () => {
    await fx.expectRefused(await makeTar([{ name: 'pipe', type: 'fifo' }]), 'INVALID_ARGUMENT', /fifo entries are not allowed/, { allowDevices: false });
  });
});
