/** tarDirectory: deterministic, sorted output that applyLayer turns back into the same tree. */
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tarDirectory } from '../../../src/image/layer/index.js';
import { collect, listTar, snapshotTree } from '../../helpers/tar.js';
import { LayerFixture } from './fixture.js';

let fx: LayerFixture;
let src: string;
beforeEach(async () => {
  fx = await LayerFixture.create();
  src = await fsp.mkdtemp(join(fx.base, 'src-'));
  const w = (p: string, data = p) => fsp.writeFile(join(src, p), data);
  await fsp.mkdir(join(src, 'a/b'), { recursive: true });
  await fsp.mkdir(join(src, 'a-b'));
  await w('a/b/file', 'nested');
  await w('a-b/z');
  await w('top', 'hello');
  await fsp.chmod(join(src, 'top'), 0o4755);
  await fsp.link(join(src, 'top'), join(src, 'a/hard'));
  await fsp.symlink('../top', join(src, 'a/sym'));
  await w('ünïcødé-' + 'n'.repeat(120));
  await fsp.utimes(join(src, 'a'), 1_600_000_000.7, 1_600_000_000.7);
});
afterEach(async () => { await fx.cleanup(); });

describe('tarDirectory', () => {
  it('is depth-first, sorted, parents before children, with the second hardlink as typeflag link', async () => {
    const entries = await listTar(await collect(tarDirectory(src)));
    expect(entries.map((e) => `${e.header.type} ${e.header.name}`)).toEqual([
      'directory a/',
      'directory a/b/',
      'file a/b/file',
      'file a/hard',
      'symlink a/sym',
      'directory a-b/',
      'file a-b/z',
      'link top',
      'file ünïcødé-' + 'n'.repeat(120),
    ]);
    expect(entries.find((e) => e.header.name === 'top')!.header.linkname).toBe('a/hard');
    expect(entries.find((e) => e.header.name === 'a/hard')!.content.toString()).toBe('hello');
    // whole-second mtimes, no user or group names: nothing host-specific beyond the ids
    expect(entries[0]!.header.mtime.getTime()).toBe(1_600_000_000_000);
    expect(entries.every((e) => !e.header.uname && !e.header.gname)).toBe(true);
  });

  it('the first occurrence actually emitted carries the content', async () => {
    const entries = await listTar(await collect(tarDirectory(src, { exclude: (rel) => rel === 'a' })));
    const top = entries.find((e) => e.header.name === 'top')!;
    expect([top.header.type, top.content.toString()]).toEqual(['file', 'hello']);
  });

  it('produces byte-identical output twice', async () => {
    expect(await collect(tarDirectory(src))).toEqual(await collect(tarDirectory(src)));
  });

  it('exclude drops a path and, for a directory, its subtree', async () => {
    const entries = await listTar(await collect(tarDirectory(src, { exclude: (rel) => rel === 'a' || rel.endsWith('/z') })));
    expect(entries.map((e) => e.header.name)).toEqual(['a-b/', 'top', 'ünïcødé-' + 'n'.repeat(120)]);
  });

  it('round-trips through applyLayer into the same tree', async () => {
    await fx.apply(await collect(tarDirectory(src)));
    expect(await snapshotTree(fx.dest)).toEqual(await snapshotTree(src, { mtimes: 's' }));
  });
});
