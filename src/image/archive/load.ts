/**
 * `load`: a docker-archive or OCI-layout tar (plain or gzip) becomes images. The tar is read
 * once into the content store; then each image is checked (metadata, blob presence and sizes)
 * and handed to commitImage, which unpacks and verifies every layer against the config's diff
 * IDs before publishing. A lease covers everything ingested until the end.
 */
import type { Readable } from 'node:stream';
import { EngineError, dataLoss, invalid } from '../../lib/errors.js';
import { type Digest, isDigest, sha256 } from '../../oci/digest.js';
import type { ImageConfig } from '../../oci/types.js';
import { familiarString, parseReference } from '../../oci/reference.js';
import type { ImageStore } from '../image-store.js';
import { INDEX_JSON, MANIFEST_JSON, MAX_JSON_SIZE } from './format.js';
import { type ArchiveContents, readArchive } from './read-archive.js';
import { type ImagePlan, lookupPath, planDockerArchive } from './plan-docker.js';
import { planOciLayout } from './plan-oci.js';
import { releaseUnreferenced } from './release.js';

/** Structurally engine/types' LoadResult (image code may not import the engine layer). */
export interface ArchiveLoadResult {
  loaded: { tag?: string; id: string }[];
}

export async function loadArchive(store: ImageStore, tar: Readable, opts: { signal?: AbortSignal } = {}): Promise<ArchiveLoadResult> {
  if (opts.signal?.aborted) throw new EngineError('CANCELED', 'load canceled');
  const lease = await store.takeLease([]);
  const created = new Set<Digest>();
  try {
    const contents = await readArchive(tar, { store, lease, created, signal: opts.signal });
    const plans = await planImages(store, contents);
    await store.addLeaseBlobs(lease, plans.flatMap((p) => [p.config, ...p.layers.map((l) => l.digest)]));
    // everything that can be checked cheaply is checked before the first image is committed
    const ready: { plan: ImagePlan; config: ImageConfig; tags: string[] }[] = [];
    for (const plan of plans) {
      // a digest-pinned name is no tag; such an image loads untagged (a bad name fails here, early)
      const tags = plan.tags.map((t) => parseReference(t)).filter((r) => r.tag && !r.digest).map(familiarString);
      for (const l of plan.layers) await checkBlob(store, l);
      const config = parseConfig(await readJsonBlob(store, { digest: plan.config }), plan.config);
      if (config.rootfs.diff_ids.length !== plan.layers.length) {
        throw dataLoss(`invalid archive: image ${plan.config} has ${plan.layers.length} layers but its config lists ${config.rootfs.diff_ids.length} diff IDs`);
      }
      ready.push({ plan, tags, config });
    }
    const loaded: ArchiveLoadResult['loaded'] = [];
    for (const { plan, config, tags } of ready) {
      // should commitImage fail after writing it, the config blob is ours to drop too
      created.add(plan.config);
      const configBytes = await store.content.readBlob(plan.config);
      const rec = await store.commitImage(config, plan.layers, { tags, action: 'load', signal: opts.signal, configBytes });
      if (tags.length === 0) loaded.push({ id: rec.id });
      for (const tag of tags) loaded.push({ tag, id: rec.id });
    }
    return { loaded };
  } finally {
    // best effort: whatever is left behind is unreferenced and the next GC removes it
    await releaseUnreferenced(store, lease.id, created).catch(() => undefined);
    await store.meta.leases.delete(lease.id);
  }
}

async function planImages(store: ImageStore, contents: ArchiveContents): Promise<ImagePlan[]> {
  const manifest = contents.json.get(MANIFEST_JSON);
  if (manifest) return planDockerArchive(manifest, (p) => lookupPath(contents.files, contents.links, p));
  const index = contents.json.get(INDEX_JSON);
  if (index) return planOciLayout(parseJson(index, INDEX_JSON), (d) => readJsonBlob(store, d));
  throw invalid('invalid archive: no manifest.json or index.json found; not a docker-archive or OCI layout');
}

async function checkBlob(store: ImageStore, desc: { digest: Digest; size?: number }): Promise<number> {
  const info = await store.content.info(desc.digest);
  if (!info) throw dataLoss(`invalid archive: blob ${desc.digest} is missing`);
  if (desc.size !== undefined && info.size !== desc.size) {
    throw dataLoss(`invalid archive: blob ${desc.digest} is ${info.size} bytes, its descriptor says ${desc.size}`);
  }
  return info.size;
}

async function readJsonBlob(store: ImageStore, desc: { digest: Digest; size?: number }): Promise<unknown> {
  const size = await checkBlob(store, desc);
  if (size > MAX_JSON_SIZE) throw invalid(`invalid archive: metadata blob ${desc.digest} is larger than ${MAX_JSON_SIZE / 1024 / 1024} MiB`);
  return parseJson(await store.content.readBlob(desc.digest), desc.digest);
}

function parseJson(buf: Buffer, what: string): unknown {
  try { return JSON.parse(buf.toString('utf8')); } catch (err) {
    throw dataLoss(`invalid archive: ${what} is not valid JSON`, err);
  }
}

function parseConfig(v: unknown, digest: Digest): ImageConfig {
  const c = v as ImageConfig | null;
  const ids = c?.rootfs?.diff_ids;
  if (!c || typeof c !== 'object' || !Array.isArray(ids) || !ids.every((d) => typeof d === 'string' && isDigest(d))) {
    throw dataLoss(`invalid archive: config ${digest} is not a valid image config`);
  }
  return c;
}
