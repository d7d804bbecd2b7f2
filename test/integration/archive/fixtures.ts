/**
 * Images built in code for the archive tests: layer blobs written straight into the content
 * store and committed through ImageStore.commitImage, so tests control layers and history.
 */
import { gzipSync } from 'node:zlib';
import { createReadStream, createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { type Digest, hexOf, sha256 } from '../../../src/oci/digest.js';
import { type Descriptor, type ImageConfig, MediaType } from '../../../src/oci/types.js';
import type { ImageStore } from '../../../src/image/image-store.js';
import type { ImageRecord } from '../../../src/store/metadata/records.js';
import { loadArchive, saveArchive } from '../../../src/image/archive/index.js';
import { type TarEntrySpec, buildTar, layerTar } from '../../helpers/archive-tar.js';

export interface BuiltImage {
  record: ImageRecord;
  config: ImageConfig;
  layers: Descriptor[];
}

/** An image of `layers` (file maps), gzip for the layers whose index is in `gzip`. */
export async function buildImage(store: ImageStore, layers: Record<string, string>[], opts: { tags?: string[]; gzip?: number[]; cmd?: string[] } = {}): Promise<BuiltImage> {
  const descs: Descriptor[] = [];
  const diffIds: Digest[] = [];
  for (const [i, files] of layers.entries()) {
    const tar = await layerTar(files);
    diffIds.push(sha256(tar));
    const blob = opts.gzip?.includes(i) ? gzipSync(tar) : tar;
    const info = await store.content.writeBlob(blob);
    descs.push({ mediaType: blob === tar ? MediaType.OciLayer : MediaType.OciLayerGzip, digest: info.digest, size: info.size });
  }
  const config: ImageConfig = {
    architecture: 'amd64', os: 'linux', created: '2024-01-02T03:04:05Z',
    config: { Cmd: opts.cmd ?? ['sh'], Env: ['PATH=/usr/bin:/bin'] },
    rootfs: { type: 'layers', diff_ids: diffIds },
    history: layers.map((_, i) => ({ created: '2024-01-02T03:04:05Z', created_by: `layer ${i} && echo <done>` })),
  };
  const record = await store.commitImage(config, descs, { tags: opts.tags ?? [] });
  return { record, config, layers: descs };
}

export async function saveToFile(store: ImageStore, refs: string[], file: string): Promise<void> {
  await saveArchive(store, refs, createWriteStream(file));
}

export function loadFile(store: ImageStore, file: string) {
  return loadArchive(store, createReadStream(file));
}

export function loadBuffer(store: ImageStore, buf: Buffer) {
  return loadArchive(store, Readable.from([buf]));
}

export function configFor(diffIds: Digest[], arch = 'amd64'): Buffer {
  const c: ImageConfig = {
    architecture: arch, os: 'linux', created: '2023-05-06T07:08:09Z', config: { Cmd: ['sh'] },
    rootfs: { type: 'layers', diff_ids: diffIds }, history: diffIds.map(() => ({ created_by: 'ADD file:abc in /' })),
  };
  return Buffer.from(JSON.stringify(c));
}

/** A docker-archive exactly as `docker save` (before 25) lays it out. */
export async function legacyArchive(layers: Buffer[], opts: { diffIds?: Digest[]; tags?: string[]; gzip?: boolean } = {}) {
  const diffIds = opts.diffIds ?? layers.map((l) => sha256(l));
  const cfg = configFor(diffIds);
  const cfgHex = hexOf(sha256(cfg));
  const v1 = diffIds.map((d, i) => hexOf(sha256(`v1 ${i} ${d}`)));
  const entries: TarEntrySpec[] = [];
  layers.forEach((l, i) => entries.push(
    { name: `${v1[i]}/`, type: 'directory' }, { name: `${v1[i]}/VERSION`, data: '1.0' },
    { name: `${v1[i]}/json`, data: JSON.stringify({ id: v1[i], parent: i ? v1[i - 1] : undefined }) },
    { name: `${v1[i]}/layer.tar`, data: l },
  ));
  const tags = opts.tags ?? ['busybox:latest'];
  entries.push(
    { name: `${cfgHex}.json`, data: cfg },
    { name: 'manifest.json', data: JSON.stringify([{ Config: `${cfgHex}.json`, RepoTags: tags, Layers: v1.map((v) => `${v}/layer.tar`) }]) },
    { name: 'repositories', data: JSON.stringify({ busybox: { latest: v1[v1.length - 1] } }) },
  );
  return { tar: await buildTar(entries, { gzip: opts.gzip }), id: `sha256:${cfgHex}` };
}
