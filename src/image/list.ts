/** `images` / GET /images/json: summaries with docker's default hiding and filters. */
import type { ImageSummary, ImageListOptions } from '../types/docker.js';
import type { ImageStore } from './image-store.js';
import type { ImageRecord } from '../store/metadata/records.js';
import { familiarString, parseCanonical } from '../oci/reference.js';
import { invalid } from '../lib/errors.js';
import { resolveImage, tagsOf } from './resolve.js';
import { matchReference } from './ref-filter.js';
import { byCodePoint } from '../lib/compare.js';

const KNOWN = new Set(['dangling', 'reference', 'before', 'since', 'label', 'until']);

export async function listImages(store: ImageStore, opts: ImageListOptions = {}, inUse?: Set<string>): Promise<ImageSummary[]> {
  const filters = opts.filters ?? {};
  for (const k of Object.keys(filters)) if (!KNOWN.has(k)) throw invalid(`invalid filter '${k}'`);
  const [records, tags] = await Promise.all([store.meta.images.list(), store.meta.readTags()]);
  const parents = new Set(records.map((r) => r.parent).filter(Boolean));
  const bound = async (key: 'before' | 'since') => {
    const v = filters[key]?.[0];
    return v ? (await resolveImage(store.meta, v)).record : undefined;
  };
  const before = await bound('before');
  const since = await bound('since');
  const out: ImageSummary[] = [];
  for (const rec of records) {
    let repoTags = tagsOf(tags, rec.id).map((t) => familiarString(parseCanonical(t))).sort();
    // as docker: a reference filter keeps only the matching tags of an image
    if (filters.reference?.length) repoTags = repoTags.filter((t) => filters.reference!.some((p) => matchReference(p, t)));
    // docker hides untagged images that are parents of others (intermediate build layers) unless -a
    if (!opts.all && repoTags.length === 0 && parents.has(rec.id)) continue;
    const config = await store.readConfig(rec);
    const created = Math.floor(Date.parse(config.created ?? rec.added) / 1000);
    const labels = config.config?.Labels ?? {};
    if (filters.dangling?.length) {
      const want = filters.dangling[0] === 'true' || filters.dangling[0] === '1';
      if (want !== (repoTags.length === 0)) continue;
    }
    if (filters.reference?.length && repoTags.length === 0) continue;
    if (before && !(created < createdOf(before, await store.readConfig(before)))) continue;
    if (since && !(created > createdOf(since, await store.readConfig(since)))) continue;
    if (filters.label && !filters.label.every((l) => matchLabel(labels, l))) continue;
    if (filters.until?.length && !(created < Number(filters.until[0]))) continue;
    out.push({
      Id: rec.id, ParentId: rec.parent, RepoTags: repoTags, RepoDigests: rec.repoDigests.map((d) => familiarString(parseCanonical(d))),
      Created: created, Size: rec.size, SharedSize: -1, Labels: labels, Containers: inUse ? (inUse.has(rec.id) ? 1 : 0) : -1,
    });
  }
  // docker lists newest first
  return out.sort((a, b) => b.Created - a.Created || byCodePoint(a.Id, b.Id));
}

function createdOf(rec: ImageRecord, config: { created?: string }): number {
  return Math.floor(Date.parse(config.created ?? rec.added) / 1000);
}

export function matchLabel(labels: Record<string, string>, filter: string): boolean {
  const eq = filter.indexOf('=');
  if (eq === -1) return filter in labels;
  return labels[filter.slice(0, eq)] === filter.slice(eq + 1);
}
