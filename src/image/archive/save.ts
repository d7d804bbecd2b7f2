/**
 * `save`: images → one tar holding both a docker-archive (manifest.json, repositories) and an
 * OCI image layout (oci-layout, index.json) over shared blobs/sha256/<hex>, as docker 25+ writes.
 * Stored blobs go out unchanged (layers keep their compression; docker load, podman load and
 * skopeo all decompress docker-archive layers), so manifest digests survive a round trip.
 * Everything is resolved and checked before the first byte is written.
 */
import { createHash } from 'node:crypto';
import tar from 'tar-stream';
import { dataLoss, isEngineError, toEngineError } from '../../lib/errors.js';
import { type Digest, digestOfHash } from '../../oci/digest.js';
import { type ImageStore, imageEvent } from '../image-store.js';
import {
  INDEX_JSON, MANIFEST_JSON, OCI_LAYOUT, OCI_LAYOUT_CONTENT, REPOSITORIES, blobPath,
} from './format.js';
import { type LayoutImage, blobOrder, buildIndex, buildManifestJson, buildRepositories } from './save-layout.js';
import { selectImages } from './save-select.js';
import { pumpTo, writeBuffer, writeDir, writeStream } from './tar-write.js';

export async function saveArchive(store: ImageStore, refs: string[], out: NodeJS.WritableStream): Promise<void> {
  const targets = await selectImages(store, refs);
  const images: LayoutImage[] = [];
  for (const { record, tags } of targets) {
    const config = await store.readConfig(record);
    const manifest = await store.readManifest(record);
    const manifestInfo = await store.content.info(record.manifest);
    if (!manifestInfo) throw dataLoss(`image ${record.id}: manifest blob ${record.manifest} is missing`);
    images.push({
      config: record.id, layers: manifest.layers.map((l) => l.digest), tags,
      manifest: { mediaType: record.manifestMediaType, digest: record.manifest, size: manifestInfo.size },
      platform: { architecture: config.architecture, os: config.os, ...(config.variant ? { variant: config.variant } : {}) },
    });
  }
  const blobs: { digest: Digest; size: number }[] = [];
  for (const d of blobOrder(images)) {
    const info = await store.content.info(d);
    if (!info) throw dataLoss(`blob ${d} is missing from the content store`);
    blobs.push(info);
  }

  const pack = tar.pack();
  pack.on('error', () => undefined); // surfaced through pumpTo's iteration and the entry callbacks
  const writing = (async () => {
    await writeDir(pack, 'blobs/');
    await writeDir(pack, 'blobs/sha256/');
    for (const b of blobs) await writeStream(pack, blobPath(b.digest), b.size, verified(store, b.digest));
    await writeBuffer(pack, INDEX_JSON, Buffer.from(JSON.stringify(buildIndex(images))));
    await writeBuffer(pack, MANIFEST_JSON, Buffer.from(JSON.stringify(buildManifestJson(images)) + '\n'));
    await writeBuffer(pack, OCI_LAYOUT, Buffer.from(OCI_LAYOUT_CONTENT));
    const repos = buildRepositories(images);
    if (repos) await writeBuffer(pack, REPOSITORIES, Buffer.from(JSON.stringify(repos) + '\n'));
    pack.finalize();
  })().catch((err) => { pack.destroy(err as Error); throw err; });
  // either side failing tears the pack down, so the other side stops waiting on it
  const pumping = pumpTo(pack, out).catch((err) => { pack.destroy(err as Error); throw err; });
  const [w, p] = await Promise.allSettled([writing, pumping]);
  // a writer-side EngineError (a corrupt blob) is the cause; the pump then only saw the teardown
  if (w.status === 'rejected' && isEngineError(w.reason)) throw w.reason;
  if (p.status === 'rejected') throw toEngineError(p.reason);
  if (w.status === 'rejected') throw toEngineError(w.reason);

  for (const img of images) await store.events.append(imageEvent('save', img.config));
}

/** A stored blob's bytes, re-hashed on the way out so a corrupt store never yields a "valid" archive. */
async function* verified(store: ImageStore, digest: Digest): AsyncGenerator<Buffer> {
  const hash = createHash('sha256');
  for await (const chunk of store.content.reader(digest)) {
    hash.update(chunk as Buffer);
    yield chunk as Buffer;
  }
  if (digestOfHash(hash) !== digest) throw dataLoss(`blob ${digest} in the content store does not match its digest`);
}
