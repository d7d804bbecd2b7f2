import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hexOf, sha256 } from '../../../src/oci/digest.js';
import { buildTar, layerTar } from '../../helpers/archive-tar.js';
import { type TempStore, assertBlobsValid, listBlobs, makeTempStore } from '../../helpers/store.js';
import { buildImage, legacyArchive, loadBuffer } from './fixtures.js';

let t: TempStore;
beforeEach(async () => { t = await makeTempStore(); });
afterEach(async () => { await t.cleanup(); });

/** What a reader of the store can see: records, tags, blobs, snapshots, leases. */
async function visible() {
  const snaps = await t.store.snapshots.list();
  const staging = await fsp.readdir(join(t.root, 'snapshots', '.staging')).catch(() => []);
  return {
    images: (await t.store.meta.images.keys()).sort(), tags: await t.store.meta.readTags(), blobs: await listBlobs(t.root),
    snapshots: snaps.map((s) => s.chainId).sort(), staging, leases: await t.store.meta.leases.list(),
  };
}

describe('load failures leave nothing visible', () => {
  it('a layer that does not match its diff ID is DATA_LOSS; no image, no tag', async () => {
    const existing = await buildImage(t.store, [{ keep: 'me' }], { tags: ['busybox:latest'] });
    const before = await visible();
    const l0 = await layerTar({ ok: '1' });
    const l1 = await layerTar({ evil: '1' });
    const { tar } = await legacyArchive([l0, l1], { diffIds: [sha256(l0), sha256(await layerTar({ innocent: '1' }))] });
    const err = await loadBuffer(t.store, tar).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'DATA_LOSS' });
    const after = await visible();
    expect(after.images).toEqual(before.images);
    expect(after.tags).toEqual({ 'docker.io/library/busybox:latest': existing.record.id });
    expect(after.leases).toEqual([]);
    expect(after.staging).toEqual([]);
    await assertBlobsValid(t.root);
  });

  it('a blob that does not hash to its name is DATA_LOSS', async () => {
    const wrong = hexOf(sha256('other'));
    const tar = await buildTar([
      { name: `blobs/sha256/${wrong}`, data: 'not it' }, { name: 'oci-layout', data: '{"imageLayoutVersion":"1.0.0"}' }, { name: 'index.json', data: '{"manifests":[]}' },
    ]);
    await expect(loadBuffer(t.store, tar)).rejects.toMatchObject({
      code: 'DATA_LOSS', message: `invalid archive: blob blobs/sha256/${wrong} does not match its digest`,
    });
    expect(await visible()).toMatchObject({ images: [], tags: {}, blobs: [], leases: [] });
  });

  it('a truncated tar is DATA_LOSS and leaves the store unchanged', async () => {
    await buildImage(t.store, [{ keep: 'me' }], { tags: ['keep:1'] });
    const before = await visible();
    const { tar } = await legacyArchive([await layerTar({ big: 'x'.repeat(200_000) })]);
    await expect(loadBuffer(t.store, tar.subarray(0, 100_000))).rejects.toMatchObject({ code: 'DATA_LOSS' });
    expect(await visible()).toEqual(before);
    await assertBlobsValid(t.root);
  });

  it('a corrupt gzip stream is DATA_LOSS and leaves the store unchanged', async () => {
    const before = await visible();
    const { tar } = await legacyArchive([await layerTar({ big: 'x'.repeat(200_000) })], { gzip: true });
    const corrupt = Buffer.from(tar);
    corrupt.fill(0xa5, 40, 90);
    await expect(loadBuffer(t.store, corrupt)).rejects.toMatchObject({ code: 'DATA_LOSS' });
    await expect(loadBuffer(t.store, tar.subarray(0, tar.length - 10))).rejects.toMatchObject({ code: 'DATA_LOSS' });
    expect(await visible()).toEqual(before);
  });

  it('an archive without manifest.json or index.json is INVALID_ARGUMENT', async () => {
    await expect(loadBuffer(t.store, await buildTar([{ name: 'hello', data: 'x' }]))).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(await visible()).toMatchObject({ images: [], blobs: [], leases: [] });
  });

  it('a manifest.json naming a missing file is DATA_LOSS', async () => {
    const tar = await buildTar([{ name: 'manifest.json', data: '[{"Config":"x.json","RepoTags":["a:b"],"Layers":[]}]' }]);
    await expect(loadBuffer(t.store, tar)).rejects.toMatchObject({ code: 'DATA_LOSS', message: 'invalid archive: x.json referenced by manifest.json is missing' });
  });
});
