/**
 * Overlay-form conversion (needs root: trusted.* xattrs, mknod, chown): OCI whiteouts become
 * 0/0 character devices, opaque markers become trusted.overlay.opaque=y whatever the tar order.
 */
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lgetxattr } from '../../../src/lib/native.js';
import { makeTar } from '../../helpers/tar.js';
import { LayerFixture } from '../../unit/layer/fixture.js';

const asRoot = process.getuid?.() === 0;
const opaque = (p: string) => lgetxattr(p, 'trusted.overlay.opaque')?.toString();

let fx: LayerFixture;
beforeEach(async () => { fx = await LayerFixture.create(); });
afterEach(async () => { await fx.cleanup(); });

describe.skipIf(!asRoot)('whiteouts and opaque directories', () => {
  it('.wh.<name> becomes a character device 0/0 named <name>, owned as the header says', async () => {
    await fx.apply(await makeTar([
      { name: 'etc/', type: 'directory' },
      { name: 'etc/.wh.passwd', uid: 12, gid: 34 },
      { name: 'a/b/.wh.c' }, // parents created on the way
    ]));
    for (const p of ['etc/passwd', 'a/b/c']) {
      const st = await fsp.lstat(join(fx.dest, p));
      expect(st.isCharacterDevice(), p).toBe(true);
      expect(st.rdev, p).toBe(0);
    }
    const st = await fsp.lstat(join(fx.dest, 'etc/passwd'));
    expect([st.uid, st.gid]).toEqual([12, 34]);
    expect(await fsp.readdir(join(fx.dest, 'etc'))).toEqual(['passwd']); // no .wh. file left behind
  });

  it('.wh..wh..opq sets trusted.overlay.opaque=y on its directory, before or after the siblings', async () => {
    await fx.apply(await makeTar([
      { name: 'before/', type: 'directory' },
      { name: 'before/.wh..wh..opq' },
      { name: 'before/x', content: 'x' },
      { name: 'after/', type: 'directory' },
      { name: 'after/x', content: 'x' },
      { name: 'after/y/', type: 'directory' },
      { name: 'after/.wh..wh..opq' },
      { name: 'implicit/deep/.wh..wh..opq' }, // no directory entry at all
      { name: '.wh..wh..opq' },
    ]));
    for (const d of ['before', 'after', 'implicit/deep', '']) expect(opaque(join(fx.dest, d)), d || 'root').toBe('y');
    expect(opaque(join(fx.dest, 'after/y'))).toBeUndefined();
    expect(await fsp.readdir(join(fx.dest, 'after'))).toEqual(['x', 'y']);
    expect(await fsp.readFile(join(fx.dest, 'before/x'), 'utf8')).toBe('x');
  });

  it('a directory entry after its opaque marker does not clear it', async () => {
    await fx.apply(await makeTar([{ name: 'd/.wh..wh..opq' }, { name: 'd/', type: 'directory', mode: 0o700 }]));
    expect(opaque(join(fx.dest, 'd'))).toBe('y');
    expect((await fsp.lstat(join(fx.dest, 'd'))).mode & 0o7777).toBe(0o700);
  });

  it('a whiteout and a real entry of the same name: the last one wins', async () => {
    await fx.apply(await makeTar([
      { name: 'f', content: 'real' }, { name: '.wh.f' },
      { name: '.wh.g' }, { name: 'g', content: 'real' },
    ]));
    expect((await fsp.lstat(join(fx.dest, 'f'))).isCharacterDevice()).toBe(true);
    expect(await fsp.readFile(join(fx.dest, 'g'), 'utf8')).toBe('real');
  });

  it('image-supplied overlay metadata is not restored: an opaque xattr in PAX does nothing', async () => {
    await fx.apply(await makeTar([{ name: 'd/', type: 'directory', pax: { 'SCHILY.xattr.trusted.overlay.opaque': 'y' } }]));
    expect(opaque(join(fx.dest, 'd'))).toBeUndefined();
  });

  it('.wh..wh.plnk content is skipped, so hardlinks into it fail', async () => {
    await fx.expectRefused(await makeTar([
      { name: '.wh..wh.plnk/', type: 'directory' },
      { name: '.wh..wh.plnk/1.2', content: 'aufs' },
      { name: 'f', type: 'link', linkname: '.wh..wh.plnk/1.2' },
    ]), 'INVALID_ARGUMENT', /not a file extracted in this layer/);
  });
});
