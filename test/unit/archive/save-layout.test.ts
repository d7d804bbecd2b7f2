import { describe, expect, it } from 'vitest';
import {
  type LayoutImage, blobOrder, buildIndex, buildManifestJson, buildRepositories,
} from '../../../src/image/archive/save-layout.js';
import { hexOf, sha256 } from '../../../src/oci/digest.js';
import { MediaType } from '../../../src/oci/types.js';
import { parseReference } from '../../../src/oci/reference.js';

const l1 = sha256('layer1');
const l2 = sha256('layer2');
const cfg = sha256('config');
const man = sha256('manifest');

function image(tags: string[]): LayoutImage {
  return {
    config: cfg, layers: [l1, l2], tags: tags.map(parseReference),
    manifest: { mediaType: MediaType.OciManifest, digest: man, size: 123 },
    platform: { architecture: 'amd64', os: 'linux' },
  };
}

describe('save layout', () => {
  it('writes one annotated index descriptor per tag', () => {
    const idx = buildIndex([image(['busybox:latest', 'example.com/x/y:1'])]);
    expect(idx.mediaType).toBe(MediaType.OciIndex);
    expect(idx.manifests).toHaveLength(2);
    expect(idx.manifests[0]).toEqual({
      mediaType: MediaType.OciManifest, digest: man, size: 123, platform: { architecture: 'amd64', os: 'linux' },
      annotations: { 'io.containerd.image.name': 'docker.io/library/busybox:latest', 'org.opencontainers.image.ref.name': 'latest' },
    });
    expect(idx.manifests[1]!.annotations!['io.containerd.image.name']).toBe('example.com/x/y:1');
  });

  it('keeps an untagged image reachable through an unannotated descriptor', () => {
    const idx = buildIndex([image([])]);
    expect(idx.manifests).toHaveLength(1);
    expect(idx.manifests[0]!.annotations).toBeUndefined();
  });

  it('writes docker-archive manifest.json with familiar tags and blob paths', () => {
    expect(buildManifestJson([image(['busybox']), image([])])).toEqual([
      { Config: `blobs/sha256/${hexOf(cfg)}`, RepoTags: ['busybox:latest'], Layers: [`blobs/sha256/${hexOf(l1)}`, `blobs/sha256/${hexOf(l2)}`] },
      { Config: `blobs/sha256/${hexOf(cfg)}`, RepoTags: null, Layers: [`blobs/sha256/${hexOf(l1)}`, `blobs/sha256/${hexOf(l2)}`] },
    ]);
  });

  it('writes repositories pointing at the top layer, or nothing when untagged', () => {
    expect(buildRepositories([image(['busybox:1', 'busybox:latest'])])).toEqual({ busybox: { 1: hexOf(l2), latest: hexOf(l2) } });
    expect(buildRepositories([image([])])).toBeUndefined();
  });

  it('orders blobs layers, config, manifest, each once', () => {
    expect(blobOrder([image(['a']), image(['b'])])).toEqual([l1, l2, cfg, man]);
  });
});
