/**
 * What berth remembers about blobs and registries (docker's distribution metadata, image/…/
 * distribution/v2metadata-by-diffid): the gzip blob a plain layer was compressed to for a push,
 * so the next push re-uses those exact bytes; and the repositories a blob was pulled from or
 * pushed to, so a push to another repository of the same registry can mount it instead of
 * uploading. Records live in <root>/meta/distribution/<digest hex>.json; they are a cache:
 * losing one costs a recompression or an upload, never correctness.
 */
import type { Digest } from '../oci/digest.js';
import type { ImageStore } from './image-store.js';
import type { GcRoots } from './gc.js';

export interface DistributionRecord {
  /** For a plain layer (keyed by its digest): the gzip blob pushed for it. */
  compressed?: { digest: Digest; size: number };
  /** For a blob: repositories known to hold it, as "registry/path" (e.g. 127.0.0.1:5000/project/app). */
  sources?: string[];
}

const MAX_SOURCES = 8;

function dir(store: ImageStore) {
  return store.meta.records<DistributionRecord>('distribution');
}

export async function getDistribution(store: ImageStore, digest: Digest): Promise<DistributionRecord> {
  return (await dir(store).get(digest.slice(7)).catch(() => undefined)) ?? {};
}

/** The cached gzip twin of a plain layer, when its blob is still in the store. */
export async function compressedTwin(store: ImageStore, digest: Digest): Promise<{ digest: Digest; size: number } | undefined> {
  const c = (await getDistribution(store, digest)).compressed;
  if (!c) return undefined;
  const info = await store.content.info(c.digest);
  return info && info.size === c.size ? c : undefined;
}

export async function setCompressedTwin(store: ImageStore, plain: Digest, gz: { digest: Digest; size: number }): Promise<void> {
  const rec = await getDistribution(store, plain);
  await dir(store).put(plain.slice(7), { ...rec, compressed: gz });
}

/** Remember that `repo` (registry/path) holds `digest`; the most recent first. */
export async function addSource(store: ImageStore, digest: Digest, repo: string): Promise<void> {
  const rec = await getDistribution(store, digest);
  const sources = [repo, ...(rec.sources ?? []).filter((s) => s !== repo)].slice(0, MAX_SOURCES);
  if (rec.sources && rec.sources[0] === repo) return;
  await dir(store).put(digest.slice(7), { ...rec, sources });
}

/** Repositories on `domain` (paths only) known to hold `digest`. */
export async function sourcesOn(store: ImageStore, digest: Digest, domain: string): Promise<string[]> {
  const rec = await getDistribution(store, digest);
  return (rec.sources ?? []).filter((s) => s.startsWith(`${domain}/`)).map((s) => s.slice(domain.length + 1));
}

/** GC roots: the gzip twins of layers that images still use. */
export async function distributionRoots(store: ImageStore): Promise<GcRoots> {
  const blobs: Digest[] = [];
  for (const rec of await store.meta.images.list()) {
    try {
      for (const l of (await store.readManifest(rec)).layers) {
        const c = (await getDistribution(store, l.digest)).compressed;
        if (c) blobs.push(c.digest);
      }
    } catch { /* a broken record keeps nothing alive */ }
  }
  return { blobs, snapshots: [] };
}
