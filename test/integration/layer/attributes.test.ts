/** Ownership, setuid, xattrs and device nodes (needs root). */
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lgetxattr, llistxattr } from '../../../src/lib/native.js';
import { makeTar, withBinaryPax } from '../../helpers/tar.js';
import { LayerFixture } from '../../unit/layer/fixture.js';

const asRoot = process.getuid?.() === 0;
/** VFS_CAP_REVISION_2 with CAP_SETUID (bit 7) and CAP_NET_RAW (bit 13): bytes ≥ 0x80 on purpose. */
const CAP = Buffer.from([0x01, 0x00, 0x00, 0x02, 0x80, 0x20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);

let fx: LayerFixture;
beforeEach(async () => { fx = await LayerFixture.create(); });
afterEach(async () => { await fx.cleanup(); });

describe.skipIf(!asRoot)('attributes', () => {
  it('lchown from uid/gid (uname/gname ignored); chmod after chown keeps setuid/setgid', async () => {
    await fx.apply(await makeTar([
      { name: 'bin/su', content: 'elf', uid: 1000, gid: 1001, mode: 0o6755, pax: { uname: 'root', gname: 'root' } },
      { name: 'd/', type: 'directory', uid: 7, gid: 8, mode: 0o2775 },
      { name: 'l', type: 'symlink', linkname: 'bin/su', uid: 5, gid: 6 },
    ]));
    const su = await fsp.lstat(join(fx.dest, 'bin/su'));
    expect([su.uid, su.gid, su.mode & 0o7777]).toEqual([1000, 1001, 0o6755]);
    const d = await fsp.lstat(join(fx.dest, 'd'));
    expect([d.uid, d.gid, d.mode & 0o7777]).toEqual([7, 8, 0o2775]);
    const l = await fsp.lstat(join(fx.dest, 'l'));
    expect([l.uid, l.gid]).toEqual([5, 6]);
  });

  it('sameOwner=false leaves ownership to the caller', async () => {
    await fx.apply(await makeTar([{ name: 'f', content: 'x', uid: 1000, gid: 1000 }]), { sameOwner: false });
    expect((await fsp.lstat(join(fx.dest, 'f'))).uid).toBe(0);
  });

  it('security.capability is restored byte for byte, after the chown that would clear it', async () => {
    const placeholder = 'P'.repeat(CAP.length);
    const tar = withBinaryPax(await makeTar([
      { name: 'ping', content: 'elf', uid: 1000, gid: 1000, mode: 0o755, pax: { 'SCHILY.xattr.security.capability': placeholder } },
    ]), placeholder, CAP);
    await fx.apply(tar);
    expect(lgetxattr(join(fx.dest, 'ping'), 'security.capability')).toEqual(CAP);
  });

  it('trusted.*, user.overlay.* and LSM labels are dropped; user.* is kept', async () => {
    await fx.apply(await makeTar([{
      name: 'f', content: 'x', pax: {
        'SCHILY.xattr.trusted.overlay.redirect': '/etc', 'SCHILY.xattr.trusted.overlay.metacopy': '',
        'SCHILY.xattr.trusted.other': 'v', 'SCHILY.xattr.user.overlay.opaque': 'y',
        'SCHILY.xattr.security.selinux': 'system_u:object_r:shadow_t:s0', 'SCHILY.xattr.user.keep': 'kept',
      },
    }]));
    expect(llistxattr(join(fx.dest, 'f'))).toEqual(['user.keep']);
  });

  it('device nodes and fifos are created when allowed (the default as root)', async () => {
    await fx.apply(await makeTar([
      { name: 'dev/null', type: 'character-device', devmajor: 1, devminor: 3, mode: 0o666 },
      { name: 'dev/sda', type: 'block-device', devmajor: 8, devminor: 0, mode: 0o660 },
      { name: 'run/pipe', type: 'fifo', mode: 0o600 },
    ]));
    const nul = await fsp.lstat(join(fx.dest, 'dev/null'));
    expect([nul.isCharacterDevice(), nul.rdev, nul.mode & 0o7777]).toEqual([true, (1 << 8) | 3, 0o666]);
    const sda = await fsp.lstat(join(fx.dest, 'dev/sda'));
    expect([sda.isBlockDevice(), sda.rdev]).toEqual([true, 8 << 8]);
    expect((await fsp.lstat(join(fx.dest, 'run/pipe'))).isFIFO()).toBe(true);
  });

  it('a character device 0/0 (an overlay-form whiteout) is allowed even with allowDevices=false', async () => {
    await fx.apply(await makeTar([{ name: 'gone', type: 'character-device', devmajor: 0, devminor: 0 }]), { allowDevices: false });
    expect((await fsp.lstat(join(fx.dest, 'gone'))).isCharacterDevice()).toBe(true);
  });
});
