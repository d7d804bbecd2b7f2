import { describe, expect, it } from 'vitest';
import {
  blobPath, digestFromBlobPath, isLegacyLayerMetadata, layerMediaType, normalizeEntryName, resolveLinkTarget, sniffCompression,
} from '../../../src/image/archive/format.js';
import { sha256 } from '../../../src/oci/digest.js';
import { MediaType } from '../../../src/oci/types.js';

describe('archive format helpers', () => {
  it('normalises entry names', () => {
    expect(normalizeEntryName('./manifest.json')).toBe('manifest.json');
    expect(normalizeEntryName('blobs//sha256/')).toBe('blobs/sha256');
    expect(normalizeEntryName('/abs/../x')).toBe('x');
    expect(normalizeEntryName('./')).toBe('');
  });

  it('resolves link targets relative to the link', () => {
    expect(resolveLinkTarget('abc/layer.tar', '../def.tar')).toBe('def.tar');
    expect(resolveLinkTarget('abc/layer.tar', '/blobs/sha256/x')).toBe('blobs/sha256/x');
  });

  it('maps blob paths to digests and back', () => {
    const d = sha256('x');
    expect(digestFromBlobPath(blobPath(d))).toBe(d);
    expect(digestFromBlobPath('blobs/sha256/abc')).toBeUndefined();
    expect(digestFromBlobPath('blobs/sha512/' + 'a'.repeat(64))).toBeUndefined();
  });

  it('recognises legacy per-layer metadata only', () => {
    expect(isLegacyLayerMetadata('abc/json')).toBe(true);
    expect(isLegacyLayerMetadata('abc/VERSION')).toBe(true);
    expect(isLegacyLayerMetadata('abc/layer.tar')).toBe(false);
    expect(isLegacyLayerMetadata('json')).toBe(false);
  });

  it('sniffs compression from magic bytes', () => {
    expect(sniffCompression(Buffer.from([0x1f, 0x8b, 8, 0]))).toBe('gzip');
    expect(sniffCompression(Buffer.from([0x28, 0xb5, 0x2f, 0xfd]))).toBe('zstd');
    expect(sniffCompression(Buffer.from('abc'))).toBe('none');
    expect(layerMediaType('gzip')).toBe(MediaType.OciLayerGzip);
    expect(layerMediaType('none')).toBe(MediaType.OciLayer);
  });
});
