/**
 * Names and small pure helpers shared by the archive reader and writer: the file names docker
 * and OCI layouts use, entry-path normalisation and the blob path ↔ digest mapping.
 */
import { posix } from 'node:path';
import { type Digest, hexOf, isDigest } from '../../oci/digest.js';
import { MediaType } from '../../oci/types.js';

export const MANIFEST_JSON = 'manifest.json';
export const INDEX_JSON = 'index.json';
export const OCI_LAYOUT = 'oci-layout';
export const REPOSITORIES = 'repositories';
export const OCI_LAYOUT_CONTENT = '{"imageLayoutVersion":"1.0.0"}';

/** containerd's full-name annotation and the OCI tag annotation on index.json descriptors. */
export const ANNOTATION_IMAGE_NAME = 'io.containerd.image.name';
export const ANNOTATION_REF_NAME = 'org.opencontainers.image.ref.name';

/** Metadata JSON is read into memory; anything bigger than this is refused rather than buffered. */
export const MAX_JSON_SIZE = 16 * 1024 * 1024;

/** Top-level files that are metadata, never blobs. */
export const METADATA_FILES: ReadonlySet<string> = new Set([MANIFEST_JSON, INDEX_JSON, OCI_LAYOUT, REPOSITORIES]);

export type Compression = 'gzip' | 'zstd' | 'none';

/** `./a//b/` → `a/b`; archive paths are map keys only (nothing is written to disk by name). */
export function normalizeEntryName(name: string): string {
  const n = posix.normalize('/' + name).replace(/^\/+/, '').replace(/\/+$/, '');
  return n === '.' ? '' : n;
}

/** Resolve a symlink target relative to the link's own directory, as tar extraction would. */
export function resolveLinkTarget(linkPath: string, target: string): string {
  return normalizeEntryName(target.startsWith('/') ? target : posix.join(posix.dirname(linkPath), target));
}

/** `blobs/sha256/<hex>` names its own digest; anything else does not. */
export function digestFromBlobPath(path: string): Digest | undefined {
  const m = /^blobs\/sha256\/([a-f0-9]{64})$/.exec(path);
  const d = m ? `sha256:${m[1]}` : '';
  return isDigest(d) ? d : undefined;
}

export function blobPath(d: Digest): string {
  return `blobs/sha256/${hexOf(d)}`;
}

/** Legacy per-layer metadata (`<v1 id>/json`, `<v1 id>/VERSION`) that the loader never needs. */
export function isLegacyLayerMetadata(path: string): boolean {
  return /^[^/]+\/(json|VERSION)$/.test(path);
}

export function sniffCompression(head: Uint8Array): Compression {
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (head.length >= 4 && head[0] === 0x28 && head[1] === 0xb5 && head[2] === 0x2f && head[3] === 0xfd) return 'zstd';
  return 'none';
}

/** The OCI layer media type for a docker-archive layer file, which carries no media type itself. */
export function layerMediaType(c: Compression): string {
  if (c === 'gzip') return MediaType.OciLayerGzip;
  if (c === 'zstd') return MediaType.OciLayerZstd;
  return MediaType.OciLayer;
}
