/**
 * diffLayer (needs root): overlay whiteouts and opaque dirs back to OCI form, a round trip
 * through applyLayer, and a real overlayfs upper dir produced by the kernel.
 */
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { diffLayer } from '../../../src/image/layer/index.js';
import { lgetxattr, lsetxattr, mknodChar, mount, umount, MNT_DETACH } from '../../../src/lib/native.js';
import { collect, listTar, makeTar, sha256, snapshotTree, withBinaryPax } from '../../helpers/tar.js';
import { LayerFixture } from '../../unit/layer/fixture.js';

const asRoot = process.getuid?.() === 0;
const CAP = Buffer.from([0x01, 0x00, 0x00, 0x02, 0x80, 0x20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);

let fx: LayerFixture;
beforeEach(async () => { fx = await LayerFixture.create(); });
afterEach(async () => { await fx.cleanup(); });

const names = async (tar: Buffer) => (await listTar(tar)).map((e) => `${e.header.type} ${e.header.name}`);

describe.skipIf(!asRoot)('diffLayer', () => {
  it('translates whiteouts and opaque dirs, sorted, whiteout devices never as hardlinks', async () => {
    const up = fx.dest;
    await fsp.mkdir(join(up, 'etc'));
    await fsp.writeFile(join(up, 'etc/hosts'), 'h');
    mknodChar(join(up, 'etc/passwd'), 0, 0, 0);
    await fsp.link(join(up, 'etc/passwd'), join(up, 'gone')); // overlayfs shares one whiteout inode
    await fsp.mkdir(join(up, 'var/cache'), { recursive: true });
    lsetxattr(join(up, 'var/cache'), 'trusted.overlay.opaque', Buffer.from('y'));
    lsetxattr(join(up, 'var/cache'), 'trusted.overlay.origin', Buffer.from('junk'));
    await fsp.writeFile(join(up, 'var/cache/-first'), '');
    const entries = await listTar(await collect(diffLayer(up)));
    expect(entries.map((e) => `${e.header.type} ${e.header.name}`)).toEqual([
      'file .wh.gone', 'directory etc/', 'file etc/.wh.passwd', 'file etc/hosts',
      'directory var/', 'directory var/cache/', 'file var/cache/-first', 'file var/cache/.wh..wh..opq',
    ]);
    expect(entries.every((e) => !e.header.pax || !Object.keys(e.header.pax).some((k) => k.includes('overlay')))).toBe(true);
  });

  it('round trip: a layer applied into A, diffLayer(A) applied into B, gives the same tree', async () => {
    const placeholder = 'P'.repeat(CAP.length);
    const layer = withBinaryPax(await makeTar([
      { name: 'bin/', type: 'directory', mode: 0o755 },
      { name: 'bin/ping', content: 'elf', mode: 0o4755, uid: 1000, gid: 1000, pax: { 'SCHILY.xattr.security.capability': placeholder } },
      { name: 'bin/ping6', type: 'link', linkname: 'bin/ping' },
      { name: 'bin/sh', type: 'symlink', linkname: '/bin/busybox', uid: 3, gid: 4 },
      { name: 'etc/.wh.shadow', uid: 5, gid: 6 },
      { name: 'opt/', type: 'directory', mode: 0o700 },
      { name: 'opt/app/x', content: 'x' },
      { name: 'opt/.wh..wh..opq' },
      { name: 'dev/null', type: 'character-device', devmajor: 1, devminor: 3, mode: 0o666 },
      { name: 'run/fifo', type: 'fifo', mode: 0o644 },
      { name: 'long/' + 'n'.repeat(200) + '/ünï', content: 'deep' },
    ]), placeholder, CAP);
    const a = await fsp.mkdtemp(join(fx.base, 'A-'));
    const b = await fsp.mkdtemp(join(fx.base, 'B-'));
    await fx.apply(layer, {}, a);
    const diff = await collect(diffLayer(a));
    const res = await fx.apply(diff, {}, b);
    expect(res.diffId).toBe(sha256(diff));
    const [ta, tb] = [await snapshotTree(a, { mtimes: 's' }), await snapshotTree(b)];
    expect(tb).toEqual(ta);
    expect(ta['etc/shadow']).toMatch(/^chr 0 0 5:6 /);
    expect(ta['opt']).toMatch(/trusted\.overlay\.opaque=79/);
    expect(ta['bin/ping']).toContain(`security.capability=${CAP.toString('hex')}`);
    // and diffLayer is deterministic: B diffs to the same bytes
    expect(await collect(diffLayer(b))).toEqual(diff);
  });

  it('reads a real overlayfs upper dir: deletions, an opaque re-created dir, new files', async () => {
    const lower = join(fx.base, 'lower');
    const [upper, work, merged] = ['upper', 'work', 'merged'].map((d) => join(fx.base, d));
    for (const d of [lower, upper!, work!, merged!]) await fsp.mkdir(d);
    await fx.apply(await makeTar([
      { name: 'keep', content: 'k' }, { name: 'remove-me', content: 'r' },
      { name: 'dir/old1', content: '1' }, { name: 'dir/old2', content: '2' },
    ]), {}, lower);
    mount('overlay', merged!, 'overlay', 0, `lowerdir=${lower},upperdir=${upper},workdir=${work}`);
    try {
      await fsp.rm(join(merged!, 'remove-me'));
      await fsp.rm(join(merged!, 'dir'), { recursive: true });
      await fsp.mkdir(join(merged!, 'dir'));
      await fsp.writeFile(join(merged!, 'dir/new'), 'n');
      await fsp.writeFile(join(merged!, 'added'), 'a');
    } finally {
      umount(merged!, MNT_DETACH);
    }
    expect(await names(await collect(diffLayer(upper!)))).toEqual([
      'file .wh.remove-me', 'file added', 'directory dir/', 'file dir/.wh..wh..opq', 'file dir/new',
    ]);
    expect(lgetxattr(join(upper!, 'dir'), 'trusted.overlay.opaque')?.toString()).toBe('y');
  });
});
