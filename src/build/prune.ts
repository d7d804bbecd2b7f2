/**
 * The build cache's footprint and its pruning (`builder prune`, the build-cache part of
 * `system df` and `system prune`). Cached step images are ordinary images with a cache record;
 * an image is needed while it is tagged, used by a container, or an ancestor of one that is.
 * Prune deletes the cached images nothing needs (heads and chains no kept image descends from),
 * drops their records (all records with `all`), then collects the freed layers.
 */
import type { ImageStore } from '../image/image-store.js';
import { imageEvent } from '../image/image-store.js';
import { collectGarbage, type RootProvider } from '../image/gc.js';
import type { ImageRecord } from '../store/metadata/records.js';
import { chainIds, type Digest } from '../oci/digest.js';
import { CacheStore } from './cache-store.js';
import { pruneCacheMounts } from './cache-mounts.js';
import type { BuildCacheEntry, BuildCachePruneOptions, BuildCachePruneResult } from './types.js';

export interface CacheUsers {
  /** Image IDs containers use. */
  inUse: () => Promise<Set<string>>;
  roots: RootProvider[];
}

/** Images that must stay: tagged or used, and every ancestor of those. */
function neededImages(images: ImageRecord[], tagged: Set<string>, inUse: Set<string>): Set<string> {
  const byId = new Map(images.map((r) => [r.id as string, r]));
  const needed = new Set<string>();
  for (const r of images) {
    if (!tagged.has(r.id) && !inUse.has(r.id)) continue;
    for (let id: string = r.id; id && !needed.has(id); id = byId.get(id)?.parent ?? '') needed.add(id);
  }
  return needed;
}

export async function pruneBuildCache(images: ImageStore, users: CacheUsers, opts: BuildCachePruneOptions = {}): Promise<BuildCachePruneResult> {
  const cache = new CacheStore(images.meta);
  const inUse = await users.inUse();
  return images.meta.lock(async () => {
    const all = await images.meta.images.list();
    const records = await cache.list();
    const tagged = new Set(Object.values(await images.meta.readTags()));
    const needed = neededImages(all, tagged, inUse);
    const exists = new Set(all.map((r) => r.id as string));
    const deletable = new Set(records.flatMap((r) => r.images).filter((id) => exists.has(id) && !needed.has(id)));
    // an image outside the cache built on a cached one (commit) keeps its chain
    for (let changed = true; changed;) {
      changed = false;
      for (const r of all) {
        if (deletable.has(r.id) || !deletable.has(r.parent)) continue;
        for (let id = r.parent; deletable.delete(id); id = all.find((x) => x.id === id)?.parent ?? '') changed = true;
      }
    }
    for (const id of deletable) {
      await images.meta.images.delete(id.replace(/^sha256:/, ''));
      await images.events.append(imageEvent('delete', id));
    }
    for (const r of records) {
      const kept = r.images.filter((id) => exists.has(id) && !deletable.has(id));
      if (opts.all || kept.length === 0) await cache.delete(r.key);
      else if (kept.length !== r.images.length) await cache.write({ ...r, images: kept });
    }
    const gc = await collectGarbage(images, users.roots);
    // RUN --mount=type=cache directories are build cache too (BuildKit prunes them alike)
    const mounts = await pruneCacheMounts(images.meta.root);
    return { CachesDeleted: [...[...deletable].map((id) => id.replace(/^sha256:/, '')), ...mounts.deleted], SpaceReclaimed: gc.reclaimed + mounts.reclaimed };
  });
}

/** docker's BuildCache list for `system df`: one entry per cached step image. */
export async function buildCacheUsage(images: ImageStore, users: Pick<CacheUsers, 'inUse'>): Promise<BuildCacheEntry[]> {
  const cache = new CacheStore(images.meta);
  const [all, records, tags, inUse] = await Promise.all([images.meta.images.list(), cache.list(), images.meta.readTags(), users.inUse()]);
  const byId = new Map(all.map((r) => [r.id as string, r]));
  const tagged = new Set(Object.values(tags));
  const needed = neededImages(all, tagged, inUse);
  const out: BuildCacheEntry[] = [];
  for (const rec of records) for (const id of rec.images) {
    const img = byId.get(id);
    if (!img) continue;
    const config = await images.readConfig(img).catch(() => undefined);
    const diffs = config?.rootfs.diff_ids ?? [];
    const own = config?.history?.at(-1)?.empty_layer !== true && diffs.length > 0;
    const size = own ? (await images.snapshots.info(chainIds(diffs as Digest[]).at(-1)!))?.size ?? 0 : 0;
    out.push({
      ID: id.replace(/^sha256:/, ''), Parent: img.parent.replace(/^sha256:/, ''), Parents: img.parent ? [img.parent.replace(/^sha256:/, '')] : [],
      Type: 'regular', Description: rec.description, InUse: tagged.has(id) || inUse.has(id), Shared: needed.has(id),
      Size: size, CreatedAt: rec.created, LastUsedAt: rec.created, UsageCount: 0,
    });
  }
  return out;
}
