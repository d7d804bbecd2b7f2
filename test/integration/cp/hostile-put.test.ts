/**
 * Hostile tars for archivePut (docker cp INTO a container, the API's PUT /archive), the
 * engine-anchors §5.3 classes escape.test.ts does not cover: absolute hardlink targets (resolved
 * in the container root), hardlinks to symlinks and through absolute or relative symlinks,
 * `..` climbs after an absolute symlink, symlink loops, device nodes and FIFOs, and overlay
 * whiteout names (plain names for cp, never whiteouts of the image's files). Each tar is refused
 * with a one-line error or lands inside the container; the victim beside the rootfs is neither
 * read nor written, and nothing of it can be read back through the container.
 */
import { dirname } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isEngineError } from '../../../src/lib/errors.js';
import { listTar, makeTar, type TarSpec } from '../../helpers/tar.js';
import { CpFixture, SECRET, getTar, tarOf } from './fixture.js';

const asRoot = process.getuid?.() === 0;

describe.skipIf(!asRoot).each(['running', 'stopped'] as const)('cp put of hostile tars, %s container', (state) => {
  let fx: CpFixture;
  let id: string;
  let victim: string;

  beforeEach(async () => {
    fx = await CpFixture.create();
    id = await fx.container(`hput-${state}`, 'mkdir -p /dst', state, (cid) => { victim = fx.victim(cid); });
    if (state === 'stopped') await fx.engine.archivePut(id, '/', tarOf(await makeTar([{ name: 'dst', type: 'directory' }])));
  });

  afterEach(async () => { await fx.cleanup(); });

  /** Put `entries` under /dst: refused with a one-line engine error, or accepted. */
  async function put(entries: TarSpec[], dest = '/dst'): Promise<'refused' | 'accepted'> {
    const res = await fx.engine.archivePut(id, dest, tarOf(await makeTar(entries))).then(() => 'accepted' as const, (e: unknown) => e);
    if (res === 'accepted') return res;
    expect(isEngineError(res), String((res as Error)?.stack ?? res)).toBe(true);
    expect((res as Error).message).not.toMatch(/[\r\n]/);
    return 'refused';
  }

  /** Nothing readable under /dst carries the victim's content. */
  async function nothingLeaked(): Promise<void> {
    const tar = await getTar(fx.engine, id, '/dst');
    expect(tar.includes(SECRET)).toBe(false);
    for (const e of await listTar(tar)) expect(e.content.toString()).not.toContain(SECRET);
  }

  it('absolute and climbing hardlink targets never reach the host', async () => {
    for (const linkname of [`${victim}/secret`, '/../victim/secret', `/..${victim}/secret`, '../../victim/secret']) {
      expect(await put([{ name: 'hl', type: 'link', linkname }]), linkname).toBe('refused');
    }
    await nothingLeaked();
    fx.assertUntouched(victim);
  });

  it('a hardlink to an escaping symlink, then a write to it, stays inside', async () => {
    await put([
      { name: 'sym', type: 'symlink', linkname: `${victim}/secret` },
      { name: 'hl', type: 'link', linkname: 'sym' },
      { name: 'hl', content: 'PWNED' },
    ]);
    await put([{ name: 'rsym', type: 'symlink', linkname: '../../../victim/secret' }, { name: 'rsym', content: 'PWNED' }]);
    await nothingLeaked();
    fx.assertUntouched(victim);
  });

  it('hardlink sources through absolute or relative symlinks are refused', async () => {
    expect(await put([{ name: 'd', type: 'symlink', linkname: dirname(victim) }, { name: 'x', type: 'link', linkname: 'd/victim/secret' }])).toBe('refused');
    expect(await put([{ name: 'r', type: 'symlink', linkname: '../../..' }, { name: 'y', type: 'link', linkname: 'r/victim/secret' }])).toBe('refused');
    await nothingLeaked();
    fx.assertUntouched(victim);
  });

  it('a `..` climb after an absolute symlink is refused; a cleaned name stays local', async () => {
    expect(await put([{ name: 'top', type: 'symlink', linkname: '/' }, { name: 'top/../../victim/pwned', content: 'PWNED' }])).toBe('refused');
    // the name is cleaned before any link is looked at (Go's filepath.Clean): v/../victim/pwned is
    // victim/pwned under the extraction dir, a new file in the container
    expect(await put([{ name: 'v', type: 'symlink', linkname: victim }, { name: 'v/../victim/pwned', content: 'PWNED' }])).toBe('accepted');
    const [e] = await listTar(await getTar(fx.engine, id, '/dst/victim/pwned'));
    expect(e!.content.toString()).toBe('PWNED');
    fx.assertUntouched(victim);
  });

  it('a symlink loop is an error, not a hang', async () => {
    const t0 = Date.now();
    expect(await put([{ name: 'a', type: 'symlink', linkname: 'b' }, { name: 'b', type: 'symlink', linkname: 'a' }, { name: 'a/x', content: 'x' }])).toBe('refused');
    expect(Date.now() - t0).toBeLessThan(30_000);
    fx.assertUntouched(victim);
  });

  it('device nodes and FIFOs land in the container only (root may mknod, as docker cp does)', async () => {
    const r = await put([
      { name: 'null', type: 'character-device', devmajor: 1, devminor: 3, mode: 0o666 },
      { name: 'disk', type: 'block-device', devmajor: 8, devminor: 0, mode: 0o600 },
      { name: 'fifo', type: 'fifo', mode: 0o644 },
    ]);
    if (r === 'accepted') {
      const names = (await listTar(await getTar(fx.engine, id, '/dst'))).map((e) => [e.header.name, e.header.type]);
      expect(names).toEqual(expect.arrayContaining([['dst/null', 'character-device'], ['dst/disk', 'block-device'], ['dst/fifo', 'fifo']]));
    }
    fx.assertUntouched(victim);
  });

  it('overlay whiteout names are plain names for cp: the image\'s files survive', async () => {
    await put([{ name: '.wh..wh..opq', content: '' }, { name: '.wh.passwd', content: '' }, { name: '.wh.', content: '' }], '/etc');
    const [passwd] = await listTar(await getTar(fx.engine, id, '/etc/passwd'));
    expect(passwd!.content.toString()).toContain('root:x:0:0');
    const names = (await listTar(await getTar(fx.engine, id, '/etc'))).map((e) => e.header.name);
    expect(names).toContain('etc/group');
    fx.assertUntouched(victim);
  });
});
