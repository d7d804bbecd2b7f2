/** `image inspect` and `history` in docker's shapes, derived from the config and records. */
import type { ImageHistoryItem, ImageInspect } from '../types/docker.js';
import type { ImageStore } from './image-store.js';
import { familiarString, parseCanonical } from '../oci/reference.js';
import type { HistoryEntry } from '../oci/types.js';
import { resolveImage, tagsOf } from './resolve.js';

export async function inspectImage(store: ImageStore, name: string): Promise<ImageInspect> {
  const { record } = await resolveImage(store.meta, name);
  const [config, tags] = await Promise.all([store.readConfig(record), store.meta.readTags()]);
  const chain = store.chainOf(config);
  const top = chain.length ? store.snapshots.fsPath(chain[chain.length - 1]!) : '';
  return {
    Id: record.id,
    RepoTags: tagsOf(tags, record.id).map((t) => familiarString(parseCanonical(t))).sort(),
    RepoDigests: record.repoDigests.map((d) => familiarString(parseCanonical(d))),
    Parent: record.parent,
    Comment: config.comment ?? lastComment(config.history) ?? '',
    Created: config.created ?? record.added,
    DockerVersion: config.docker_version ?? '',
    Author: config.author ?? '',
    Config: config.config ?? {},
    Architecture: config.architecture,
    ...(config.variant ? { Variant: config.variant } : {}),
    Os: config.os,
    Size: record.size,
    GraphDriver: {
      Name: 'overlay2',
      Data: chain.length ? {
        LowerDir: chain.slice(0, -1).reverse().map((c) => store.snapshots.fsPath(c)).join(':') || '',
        MergedDir: '', UpperDir: top, WorkDir: '',
      } : null,
    },
    RootFS: { Type: 'layers', Layers: [...config.rootfs.diff_ids] },
    Metadata: { LastTagTime: record.lastTagTime ?? '0001-01-01T00:00:00Z' },
  };
}

function lastComment(h: { comment?: string }[] | undefined): string | undefined {
  return h?.length ? h[h.length - 1]!.comment : undefined;
}

/**
 * docker history: newest first; a row per history entry; non-empty entries take the next layer's
 * size; the top row carries the image ID and tags, older rows "<missing>" unless they are the ID
 * of a local parent image.
 */
export async function imageHistory(store: ImageStore, name: string): Promise<ImageHistoryItem[]> {
  const { record } = await resolveImage(store.meta, name);
  const [config, tags] = await Promise.all([store.readConfig(record), store.meta.readTags()]);
  const chain = store.chainOf(config);
  const sizes = await Promise.all(chain.map(async (c) => (await store.snapshots.info(c))?.size ?? 0));
  const history: HistoryEntry[] = config.history?.length ? config.history : config.rootfs.diff_ids.map(() => ({}));
  let layer = 0;
  const rows: ImageHistoryItem[] = history.map((h) => {
    const size = h.empty_layer ? 0 : sizes[layer++] ?? 0;
    return {
      Id: '<missing>', Created: Math.floor(Date.parse(h.created || config.created || record.added) / 1000),
      CreatedBy: h.created_by ?? '', Tags: null, Size: size, Comment: h.comment ?? '',
    };
  });
  rows.reverse();
  // walk the parent chain so intermediate local images show their IDs, as docker's history does
  let rec: typeof record | undefined = record;
  let row = 0;
  while (rec && row < rows.length) {
    rows[row]!.Id = rec.id;
    const t = tagsOf(tags, rec.id).map((x) => familiarString(parseCanonical(x))).sort();
    rows[row]!.Tags = t.length ? t : null;
    const cfg = await store.readConfig(rec);
    const parent: typeof record | undefined = rec.parent ? await store.meta.images.get(rec.parent.slice(7)) : undefined;
    if (!parent) break;
    const parentCfg = await store.readConfig(parent);
    row += (cfg.history?.length ?? 0) - (parentCfg.history?.length ?? 0);
    rec = parent;
  }
  return rows;
}
