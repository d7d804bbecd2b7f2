/**
 * The metadata files of a saved archive, laid out as docker 25+ writes them so both docker-archive
 * readers (manifest.json, repositories) and OCI-layout readers (oci-layout, index.json) accept
 * one tar. Blobs sit at blobs/sha256/<hex> and are shared by both views.
 */
import { type Digest, hexOf } from '../../oci/digest.js';
import { type Descriptor, type Index, type Platform, MediaType } from '../../oci/types.js';
import { type Reference, familiarName, familiarString, formatReference } from '../../oci/reference.js';
import { ANNOTATION_IMAGE_NAME, ANNOTATION_REF_NAME, blobPath } from './format.js';

export interface LayoutImage {
  config: Digest;
  /** The stored manifest blob, written unchanged so its digest survives the round trip. */
  manifest: Descriptor;
  layers: Digest[];
  platform?: Platform;
  tags: Reference[];
}

export interface ManifestItem {
  Config: string;
  RepoTags: string[] | null;
  Layers: string[];
}

/**
 * One descriptor per tag (an annotation holds one name), as docker and containerd write them;
 * an untagged image still gets one unannotated descriptor so OCI readers can reach it.
 */
export function buildIndex(images: LayoutImage[]): Index {
  const manifests: Descriptor[] = [];
  for (const img of images) {
    const base: Descriptor = {
      mediaType: img.manifest.mediaType, digest: img.manifest.digest, size: img.manifest.size,
      ...(img.platform ? { platform: img.platform } : {}),
    };
    if (img.tags.length === 0) manifests.push(base);
    for (const ref of img.tags) {
      manifests.push({ ...base, annotations: { [ANNOTATION_IMAGE_NAME]: formatReference(ref), [ANNOTATION_REF_NAME]: ref.tag ?? 'latest' } });
    }
  }
  return { schemaVersion: 2, mediaType: MediaType.OciIndex, manifests };
}

/** docker-archive's manifest.json; RepoTags is null for an untagged image, as docker writes it. */
export function buildManifestJson(images: LayoutImage[]): ManifestItem[] {
  return images.map((img) => ({
    Config: blobPath(img.config),
    RepoTags: img.tags.length ? img.tags.map(familiarString) : null,
    Layers: img.layers.map(blobPath),
  }));
}

/** Legacy `repositories`: familiar name → tag → top layer (docker 25 writes the top layer's hex). */
export function buildRepositories(images: LayoutImage[]): Record<string, Record<string, string>> | undefined {
  const repos: Record<string, Record<string, string>> = {};
  for (const img of images) {
    const top = img.layers[img.layers.length - 1];
    if (!top) continue;
    for (const ref of img.tags) (repos[familiarName(ref)] ??= {})[ref.tag ?? 'latest'] = hexOf(top);
  }
  return Object.keys(repos).length ? repos : undefined;
}

/** Blobs in write order: per image its layers, config, then manifest; each blob once. */
export function blobOrder(images: LayoutImage[]): Digest[] {
  const seen = new Set<Digest>();
  for (const img of images) for (const d of [...img.layers, img.config, img.manifest.digest]) seen.add(d);
  return [...seen];
}
