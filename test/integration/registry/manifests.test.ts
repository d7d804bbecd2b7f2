/**
 * What a puller must read or refuse: OCI manifests with OCI layer types, indexes with a platform
 * per entry (linux/amd64 by default, --platform otherwise, attestations ignored), zstd layers
 * (NOT_IMPLEMENTED before any download), a config that does not match its layers.
 */
import { gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { pullImage } from '../../../src/image/pull.js';
import { isEngineError } from '../../../src/lib/errors.js';
import { sha256 } from '../../../src/oci/digest.js';
import { MediaType } from '../../../src/oci/types.js';
import { layerTar } from '../../helpers/archive-tar.js';
import { listBlobs, makeTempStore, type TempStore } from '../../helpers/store.js';
import { HAVE_REGISTRY, type Registry, startRegistry } from '../../helpers/registry.js';
import { deps, putBlob, putManifest, recorder, scratch } from './fixtures.js';

describe.skipIf(!HAVE_REGISTRY)('manifest kinds', () => {
  let reg: Registry;
  let s: TempStore;
  beforeAll(async () => { reg = await startRegistry(); });
  afterAll(async () => { await reg?.stop(); });
  beforeEach(async () => { s = await makeTempStore(); });
  afterEach(async () => { await s.cleanup(); });

  /** One single-layer OCI image for `arch` in `repo`; returns its manifest descriptor and config digest. */
  async function image(repo: string, arch: string, layerType: string = MediaType.OciLayerGzip, diffOverride?: string) {
    const tar = await layerTar({ [`etc/${arch}`]: arch });
    const blob = layerType.endsWith('gzip') ? gzipSync(tar) : tar;
    const layer = await putBlob(reg.host, repo, blob);
    const config = Buffer.from(JSON.stringify({ architecture: arch, os: 'linux', rootfs: { type: 'layers', diff_ids: [diffOverride ?? sha256(tar)] } }));
    const cfg = await putBlob(reg.host, repo, config);
    const manifest = { schemaVersion: 2, mediaType: MediaType.OciManifest, config: { mediaType: MediaType.OciConfig, ...cfg }, layers: [{ mediaType: layerType, ...layer }] };
    const digest = await putManifest(reg.host, repo, `only-${arch}`, MediaType.OciManifest, manifest);
    return { desc: { mediaType: MediaType.OciManifest, digest, size: Buffer.byteLength(JSON.stringify(manifest)) }, config: cfg.digest };
  }

  it('an index resolves to linux/amd64, or to --platform; the repo digest is the index digest', async () => {
    const amd = await image('multi/app', 'amd64');
    const arm = await image('multi/app', 'arm64');
    const att = { mediaType: MediaType.OciManifest, digest: amd.desc.digest, size: amd.desc.size, platform: { os: 'unknown', architecture: 'unknown' } };
    const index = {
      schemaVersion: 2, mediaType: MediaType.OciIndex,
      manifests: [att, { ...arm.desc, platform: { os: 'linux', architecture: 'arm64', variant: 'v8' } }, { ...amd.desc, platform: { os: 'linux', architecture: 'amd64' } }],
    };
    const idx = await putManifest(reg.host, 'multi/app', 'latest', MediaType.OciIndex, index);
    const res = await pullImage(deps(s.store), `${reg.host}/multi/app`);
    expect(res.id).toBe(amd.config);
    expect((await s.store.meta.images.get(amd.config.slice(7)))!.repoDigests).toEqual([`${reg.host}/multi/app@${idx}`]);
    const t = await makeTempStore();
    try {
      expect((await pullImage(deps(t.store), `${reg.host}/multi/app:latest`, { platform: 'linux/arm64' })).id).toBe(arm.config);
      const none = await pullImage(deps(t.store), `${reg.host}/multi/app:latest`, { platform: 'linux/s390x' }).catch((e: unknown) => e as Error);
      expect(none.message).toBe('no matching manifest for linux/s390x in the manifest list entries');
    } finally {
      await t.cleanup();
    }
  });

  it('plain OCI layers pull as they are', async () => {
    const img = await image('plain/app', 'amd64', MediaType.OciLayer);
    const res = await pullImage(deps(s.store), `${reg.host}/plain/app@${img.desc.digest}`);
    expect(res.id).toBe(img.config);
  });

  it('zstd layers are NOT_IMPLEMENTED before anything is downloaded', async () => {
    const img = await image('zstd/app', 'amd64', MediaType.OciLayerZstd);
    const rec = recorder();
    const err = await pullImage(deps(s.store), `${reg.host}/zstd/app@${img.desc.digest}`, { onProgress: rec.onProgress }).catch((e: unknown) => e);
    expect(isEngineError(err, 'NOT_IMPLEMENTED'), String(err)).toBe(true);
    expect((err as Error).message).toMatch(/zstd/);
    expect(await listBlobs(s.root)).toEqual([]);
  });

  it('a config whose diff IDs do not match the layers is refused and leaves nothing', async () => {
    const img = await image('bad/app', 'amd64', MediaType.OciLayerGzip, sha256('something else'));
    const err = await pullImage(deps(s.store), `${reg.host}/bad/app@${img.desc.digest}`).catch((e: unknown) => e);
    expect(isEngineError(err, 'DATA_LOSS'), String(err)).toBe(true);
    expect((err as Error).message).toMatch(/^layers from manifest don't match image configuration/);
    expect(await s.store.meta.images.list()).toEqual([]);
    expect(await s.store.snapshots.list()).toEqual([]);
    expect(await scratch(s.root)).toEqual([]);
  });

  it('unknown repositories and tags read as docker\'s not-found errors', async () => {
    const a = await pullImage(deps(s.store), `${reg.host}/nope/app:1`).catch((e: unknown) => e as Error);
    expect(isEngineError(a, 'NOT_FOUND')).toBe(true);
    expect(a.message).toBe(`manifest for ${reg.host}/nope/app:1 not found: manifest unknown: manifest unknown`);
    const b = await pullImage(deps(s.store), `${reg.host}/nope/app`, { allTags: true }).catch((e: unknown) => e as Error);
    expect(b.message).toBe(`repository ${reg.host}/nope/app not found: name unknown: repository name not known to registry`);
  });
});
