import { describe, expect, it } from 'vitest';
import { lookupPath, planDockerArchive } from '../../../src/image/archive/plan-docker.js';
import { nameOf, planOciLayout } from '../../../src/image/archive/plan-oci.js';
import type { ArchiveFile } from '../../../src/image/archive/ingest-entry.js';
import { type Digest, sha256 } from '../../../src/oci/digest.js';
import { type Descriptor, MediaType } from '../../../src/oci/types.js';
import { isEngineError } from '../../../src/lib/errors.js';

const file = (s: string, compression: ArchiveFile['compression'] = 'none'): ArchiveFile => ({ digest: sha256(s), size: s.length, compression });

describe('planDockerArchive', () => {
  const files = new Map([['cfg.json', file('cfg')], ['abc.tar', file('layer', 'gzip')]]);
  const links = new Map([['v1id/layer.tar', 'abc.tar']]);
  const lookup = (p: string) => lookupPath(files, links, p);

  it('follows links and maps compression to media types', () => {
    const plans = planDockerArchive(Buffer.from(JSON.stringify([
      { Config: './cfg.json', RepoTags: ['busybox:latest'], Layers: ['v1id/layer.tar'] },
      { Config: 'cfg.json', RepoTags: ['busybox:1'], Layers: ['abc.tar'] },
    ])), lookup);
    expect(plans).toEqual([{
      config: sha256('cfg'), tags: ['busybox:latest', 'busybox:1'],
      layers: [{ mediaType: MediaType.OciLayerGzip, digest: sha256('layer'), size: 5 }],
    }]);
  });

  it('treats a null RepoTags as untagged', () => {
    const plans = planDockerArchive(Buffer.from('[{"Config":"cfg.json","RepoTags":null,"Layers":[]}]'), lookup);
    expect(plans[0]!.tags).toEqual([]);
  });

  it('reports missing files and malformed JSON as DATA_LOSS', () => {
    for (const bad of ['[{"Config":"nope.json","Layers":[]}]', '{"x":1}', 'not json']) {
      let err: unknown;
      try { planDockerArchive(Buffer.from(bad), lookup); } catch (e) { err = e; }
      expect(isEngineError(err, 'DATA_LOSS')).toBe(true);
    }
  });
});

describe('planOciLayout', () => {
  const desc = (mediaType: string, s: string, extra: Partial<Descriptor> = {}): Descriptor => ({ mediaType, digest: sha256(s), size: s.length, ...extra });
  const amd = desc(MediaType.OciManifest, 'amd', { platform: { os: 'linux', architecture: 'amd64' } });
  const arm = desc(MediaType.OciManifest, 'arm', { platform: { os: 'linux', architecture: 'arm64' } });
  const blobs = new Map<Digest, unknown>([
    [sha256('idx'), { schemaVersion: 2, manifests: [arm, amd] }],
    [sha256('amd'), { schemaVersion: 2, config: desc(MediaType.OciConfig, 'cfg-amd'), layers: [desc(MediaType.OciLayerGzip, 'l1')] }],
    [sha256('arm'), { schemaVersion: 2, config: desc(MediaType.OciConfig, 'cfg-arm'), layers: [] }],
  ]);
  const readJson = async (d: Descriptor) => blobs.get(d.digest);

  it('picks the host platform from a nested index and names from annotations', async () => {
    if (process.arch !== 'x64') return;
    const plans = await planOciLayout({
      schemaVersion: 2, manifests: [
        desc(MediaType.OciIndex, 'idx', { annotations: { 'io.containerd.image.name': 'docker.io/library/busybox:latest', 'org.opencontainers.image.ref.name': 'latest' } }),
        desc(MediaType.OciIndex, 'idx', { annotations: { 'org.opencontainers.image.ref.name': 'busybox:1' } }),
      ],
    }, readJson);
    expect(plans).toEqual([{ config: sha256('cfg-amd'), layers: [desc(MediaType.OciLayerGzip, 'l1')], tags: ['docker.io/library/busybox:latest', 'busybox:1'] }]);
  });

  it('loads a bare ref.name untagged', () => {
    expect(nameOf(desc(MediaType.OciManifest, 'x', { annotations: { 'org.opencontainers.image.ref.name': 'latest' } }))).toBeUndefined();
  });

  it('rejects a malformed index as DATA_LOSS', async () => {
    await expect(planOciLayout({ manifests: [{ digest: 'nope' }] }, readJson)).rejects.toMatchObject({ code: 'DATA_LOSS' });
  });
});
