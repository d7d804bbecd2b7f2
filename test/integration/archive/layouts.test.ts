import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Digest, hexOf, sha256 } from '../../../src/oci/digest.js';
import { MediaType } from '../../../src/oci/types.js';
import { buildTar, layerTar } from '../../helpers/archive-tar.js';
import { type TempStore, assertBlobsValid, listBlobs, makeTempStore } from '../../helpers/store.js';
import { configFor, legacyArchive, loadBuffer } from './fixtures.js';

let t: TempStore;
beforeEach(async () => { t = await makeTempStore(); });
afterEach(async () => { await t.cleanup(); });

describe('load: docker-archive (legacy layout)', () => {
  it('loads layers, config and tags', async () => {
    const l0 = await layerTar({ 'etc/hello': 'legacy' });
    const l1 = await layerTar({ 'etc/more': 'x' });
    const { tar, id } = await legacyArchive([l0, l1]);
    expect(await loadBuffer(t.store, tar)).toEqual({ loaded: [{ tag: 'busybox:latest', id }] });
    expect(await t.store.meta.readTags()).toEqual({ 'docker.io/library/busybox:latest': id });
    const rec = (await t.store.meta.images.get(hexOf(id as Digest)))!;
    const chain = t.store.chainOf(await t.store.readConfig(rec));
    expect(await fsp.readFile(join(t.store.snapshots.fsPath(chain[0]!), 'etc/hello'), 'utf8')).toBe('legacy');
    expect((await t.store.readManifest(rec)).layers.map((l) => l.mediaType)).toEqual([MediaType.OciLayer, MediaType.OciLayer]);
    await assertBlobsValid(t.root);
  });

  it('accepts a gzip outer tar and gzip layers, and reports untagged images by ID', async () => {
    const raw = await layerTar({ 'a/b': 'c' });
    const { tar, id } = await legacyArchive([gzipSync(raw)], { diffIds: [sha256(raw)], tags: [], gzip: true });
    expect(await loadBuffer(t.store, tar)).toEqual({ loaded: [{ id }] });
    const rec = (await t.store.meta.images.get(hexOf(id as Digest)))!;
    expect((await t.store.readManifest(rec)).layers[0]!.mediaType).toBe(MediaType.OciLayerGzip);
    expect(await t.store.meta.readTags()).toEqual({});
  });
});

describe('load: OCI image layout', () => {
  it('resolves a nested index to linux/amd64 and names it from annotations', async () => {
    const blobs = new Map<string, Buffer>();
    const put = (b: Buffer) => { const d = sha256(b); blobs.set(d, b); return { digest: d, size: b.length }; };
    const raw = await layerTar({ 'etc/os-release': 'oci' });
    const layer = put(gzipSync(raw));
    const cfg = put(configFor([sha256(raw)]));
    const armLayer = put(gzipSync(await layerTar({ arm: '1' })));
    const armCfg = put(configFor([sha256('whatever')], 'arm64'));
    const manifest = (c: typeof cfg, l: typeof layer) => Buffer.from(JSON.stringify({
      schemaVersion: 2, mediaType: MediaType.OciManifest,
      config: { mediaType: MediaType.OciConfig, ...c }, layers: [{ mediaType: MediaType.OciLayerGzip, ...l }],
    }));
    const amd = put(manifest(cfg, layer));
    const arm = put(manifest(armCfg, armLayer));
    const idx = put(Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: MediaType.OciIndex, manifests: [
      { mediaType: MediaType.OciManifest, ...arm, platform: { os: 'linux', architecture: 'arm64' } },
      { mediaType: MediaType.OciManifest, ...amd, platform: { os: 'linux', architecture: 'amd64' } },
    ] })));
    const index = { schemaVersion: 2, manifests: [{ mediaType: MediaType.OciIndex, ...idx, annotations: {
      'io.containerd.image.name': 'docker.io/library/alpine:3', 'org.opencontainers.image.ref.name': '3',
    } }] };
    const tar = await buildTar([
      { name: 'oci-layout', data: '{"imageLayoutVersion":"1.0.0"}' }, { name: 'index.json', data: JSON.stringify(index) },
      { name: 'blobs/', type: 'directory' }, { name: 'blobs/sha256/', type: 'directory' },
      ...[...blobs].map(([d, data]) => ({ name: `blobs/sha256/${d.slice(7)}`, data })),
    ]);
    expect(await loadBuffer(t.store, tar)).toEqual({ loaded: [{ tag: 'alpine:3', id: cfg.digest }] });
    const rec = (await t.store.meta.images.get(hexOf(cfg.digest)))!;
    expect((await t.store.readManifest(rec)).layers).toEqual([{ mediaType: MediaType.OciLayerGzip, ...layer }]);
    // the arm64 blobs and the archive's own index were not needed and are not kept
    const kept = await listBlobs(t.root);
    for (const d of [armLayer, armCfg, arm, idx]) expect(kept).not.toContain(hexOf(d.digest));
    expect(kept).toContain(hexOf(layer.digest));
    await assertBlobsValid(t.root);
  });
});

describe('load: image ID fidelity', () => {
  // Go writes configs with `&` as \u0026 and its own key spacing; re-serialising would give a
  // new image ID, so commitImage keeps the archive's config bytes.
  it('keeps the archive config bytes, so the image ID is the archive\'s', async () => {
    const raw = await layerTar({ a: '1' });
    const cfg = Buffer.from(`{"architecture":"amd64","os":"linux","history":[{"created_by":"/bin/sh -c a \\u0026\\u0026 b"}],"rootfs":{"type":"layers","diff_ids":["${sha256(raw)}"]}}`);
    const hex = hexOf(sha256(cfg));
    const tar = await buildTar([
      { name: 'layer.tar', data: raw }, { name: `${hex}.json`, data: cfg },
      { name: 'manifest.json', data: JSON.stringify([{ Config: `${hex}.json`, RepoTags: ['go:1'], Layers: ['layer.tar'] }]) },
    ]);
    expect(await loadBuffer(t.store, tar)).toEqual({ loaded: [{ tag: 'go:1', id: `sha256:${hex}` }] });
  });
});
