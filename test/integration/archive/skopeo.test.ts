/**
 * Interop with containers/image (skopeo; podman load reads archives the same way): what berth
 * saves must read as both docker-archive: and oci-archive:, and what skopeo writes must load.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Digest, hexOf } from '../../../src/oci/digest.js';
import { type TempStore, assertBlobsValid, makeTempStore } from '../../helpers/store.js';
import { type BuiltImage, buildImage, loadFile, saveToFile } from './fixtures.js';

const SKOPEO = '/usr/bin/skopeo';
const run = promisify(execFile);
const skopeo = async (...args: string[]) => (await run(SKOPEO, ['--insecure-policy', ...args], { maxBuffer: 1 << 24 })).stdout;

let a: TempStore;
let b: TempStore;
let img: BuiltImage;
let file: string;
beforeEach(async () => {
  a = await makeTempStore();
  b = await makeTempStore();
  img = await buildImage(a.store, [{ 'etc/hello': 'hi' }, { 'bin/tool': 'x' }], { tags: ['busybox:latest'], gzip: [0] });
  file = join(a.root, 'saved.tar');
  await saveToFile(a.store, ['busybox:latest'], file);
});
afterEach(async () => { await a.cleanup(); await b.cleanup(); });

describe.skipIf(!existsSync(SKOPEO))('skopeo interop', () => {
  it('inspects the saved tar as docker-archive: (layers by diff ID)', async () => {
    const info = JSON.parse(await skopeo('inspect', `docker-archive:${file}`));
    expect(info.Layers).toEqual(img.config.rootfs.diff_ids);
    expect(info.Architecture).toBe('amd64');
    expect(info.Created).toBe(img.config.created);
  });

  it('inspects the saved tar as oci-archive: (the stored manifest, unchanged)', async () => {
    const info = JSON.parse(await skopeo('inspect', `oci-archive:${file}`));
    expect(info.Digest).toBe(img.record.manifest);
    expect(info.Layers).toEqual(img.layers.map((l) => l.digest));
    const config = JSON.parse(await skopeo('inspect', '--config', '--raw', `oci-archive:${file}:latest`));
    expect(config.rootfs.diff_ids).toEqual(img.config.rootfs.diff_ids);
  });

  it('loads skopeo’s docker-archive (podman layout: <diffid>.tar plus symlinked <id>/layer.tar)', async () => {
    const out = join(b.root, 'copy.tar');
    await skopeo('copy', `oci-archive:${file}`, `docker-archive:${out}:busybox:latest`);
    const res = await loadFile(b.store, out);
    expect(res.loaded).toEqual([{ tag: 'busybox:latest', id: img.record.id }]);
    const rec = (await b.store.meta.images.get(hexOf(img.record.id)))!;
    expect((await b.store.readConfig(rec)).history).toEqual(img.config.history);
    await assertBlobsValid(b.root);
  });

  it('loads skopeo’s oci-archive, named from its ref.name', async () => {
    const out = join(b.root, 'copy-oci.tar');
    await skopeo('copy', `docker-archive:${file}`, `oci-archive:${out}:example.com/tools/busybox:1`);
    const res = await loadFile(b.store, out);
    expect(res.loaded).toHaveLength(1);
    expect(res.loaded[0]!.tag).toBe('example.com/tools/busybox:1');
    const rec = (await b.store.meta.images.get(hexOf(res.loaded[0]!.id as Digest)))!;
    expect((await b.store.readConfig(rec)).rootfs.diff_ids).toEqual(img.config.rootfs.diff_ids);
  });
});
