/** Manifest kinds, platform strings and index entry choice. */
import { describe, expect, it } from 'vitest';
import { parseManifest, parsePlatform, selectPlatform } from '../../../src/registry/manifest.js';
import type { Index } from '../../../src/oci/types.js';

const d = (n: string) => `sha256:${n.repeat(64)}` as never;

describe('parsePlatform', () => {
  it('accepts docker\'s forms and normalises aliases', () => {
    expect(parsePlatform('linux/amd64')).toEqual({ os: 'linux', architecture: 'amd64' });
    expect(parsePlatform('linux/arm64/v8')).toEqual({ os: 'linux', architecture: 'arm64' });
    expect(parsePlatform('linux/arm/v7')).toEqual({ os: 'linux', architecture: 'arm', variant: 'v7' });
    expect(parsePlatform('aarch64')).toEqual({ os: 'linux', architecture: 'arm64' });
    expect(() => parsePlatform('a/b/c/d')).toThrow(/unknown operating system or architecture/);
  });
});

describe('selectPlatform', () => {
  const index: Index = {
    schemaVersion: 2,
    manifests: [
      { mediaType: 'x', digest: d('1'), size: 1, platform: { os: 'unknown', architecture: 'unknown' } },
      { mediaType: 'x', digest: d('2'), size: 1, platform: { os: 'linux', architecture: 'arm', variant: 'v6' } },
      { mediaType: 'x', digest: d('3'), size: 1, platform: { os: 'linux', architecture: 'arm', variant: 'v7' } },
      { mediaType: 'x', digest: d('4'), size: 1, platform: { os: 'linux', architecture: 'arm64', variant: 'v8' } },
      { mediaType: 'x', digest: d('5'), size: 1, platform: { os: 'linux', architecture: 'amd64' } },
    ],
  };
  it('picks by os/arch, exact variant when asked, and skips attestations', () => {
    expect(selectPlatform(index, parsePlatform('linux/amd64')).digest).toBe(d('5'));
    expect(selectPlatform(index, parsePlatform('linux/arm64')).digest).toBe(d('4'));
    expect(selectPlatform(index, parsePlatform('linux/arm/v7')).digest).toBe(d('3'));
    expect(() => selectPlatform(index, parsePlatform('linux/ppc64le'))).toThrow('no matching manifest for linux/ppc64le in the manifest list entries');
  });
});

describe('parseManifest', () => {
  const j = (o: unknown) => Buffer.from(JSON.stringify(o));
  it('tells images from indexes', () => {
    expect(parseManifest(j({ schemaVersion: 2, manifests: [] }), 'application/vnd.oci.image.index.v1+json', 'x').kind).toBe('index');
    expect(parseManifest(j({ schemaVersion: 2, config: { mediaType: 'application/vnd.oci.image.config.v1+json' }, layers: [] }), '', 'x').kind).toBe('manifest');
  });
  it('refuses schema 1, plugins and other artifacts with docker\'s messages', () => {
    expect(() => parseManifest(j({ schemaVersion: 1 }), '', 'busybox:old')).toThrow(/Docker Image manifest version 2, schema 1 support has been removed. Suggest the author of busybox:old/);
    expect(() => parseManifest(j({ schemaVersion: 2, config: { mediaType: 'application/vnd.docker.plugin.v1+json' }, layers: [] }), '', 'x'))
      .toThrow('Encountered remote "application/vnd.docker.plugin.v1+json"(plugin) when fetching');
    expect(() => parseManifest(j({ schemaVersion: 2 }), '', 'x')).toThrow('unsupported manifest format');
  });
});
