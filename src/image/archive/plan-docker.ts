/**
 * Images described by a docker-archive manifest.json (`docker save`, legacy and 25+ layouts,
 * podman/skopeo docker-archive): `[{Config, RepoTags, Layers}]` with paths into the tar.
 */
import { dataLoss } from '../../lib/errors.js';
import type { Digest } from '../../oci/digest.js';
import type { Descriptor } from '../../oci/types.js';
import { layerMediaType, normalizeEntryName } from './format.js';
import type { ArchiveFile } from './ingest-entry.js';

export interface ImagePlan {
  /** Digest of the config blob as found in the archive. */
  config: Digest;
  layers: Descriptor[];
  /** References as the archive names them (familiar or canonical); empty when untagged. */
  tags: string[];
}

interface ManifestItem {
  Config: string;
  RepoTags?: string[] | null;
  Layers: string[];
}

function isManifestItem(v: unknown): v is ManifestItem {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  const strings = (a: unknown) => Array.isArray(a) && a.every((x) => typeof x === 'string');
  return typeof o.Config === 'string' && strings(o.Layers) && (o.RepoTags == null || strings(o.RepoTags));
}

/** A path as manifest.json names it → the ingested file, following symlinks and hardlinks. */
export function lookupPath(files: Map<string, ArchiveFile>, links: Map<string, string>, path: string): ArchiveFile | undefined {
  let p = normalizeEntryName(path);
  for (let hops = 0; hops < 16; hops++) {
    const f = files.get(p);
    if (f) return f;
    const next = links.get(p);
    if (next === undefined) return undefined;
    p = next;
  }
  return undefined;
}

export function planDockerArchive(manifestJson: Buffer, lookup: (path: string) => ArchiveFile | undefined): ImagePlan[] {
  let items: unknown;
  try { items = JSON.parse(manifestJson.toString('utf8')); } catch (err) {
    throw dataLoss('invalid archive: manifest.json is not valid JSON', err);
  }
  if (!Array.isArray(items) || !items.every(isManifestItem)) throw dataLoss('invalid archive: manifest.json is malformed');
  const need = (p: string) => {
    const f = lookup(p);
    if (!f) throw dataLoss(`invalid archive: ${p} referenced by manifest.json is missing`);
    return f;
  };
  // the same config listed twice (one entry per tag, as some writers do) is one image
  const byConfig = new Map<string, ImagePlan>();
  for (const item of items) {
    const cfg = need(item.Config);
    const layers = item.Layers.map((p) => {
      const f = need(p);
      return { mediaType: layerMediaType(f.compression), digest: f.digest, size: f.size };
    });
    const prev = byConfig.get(cfg.digest);
    if (prev) {
      for (const t of item.RepoTags ?? []) if (!prev.tags.includes(t)) prev.tags.push(t);
      continue;
    }
    byConfig.set(cfg.digest, { config: cfg.digest, layers, tags: [...new Set(item.RepoTags ?? [])] });
  }
  return [...byConfig.values()];
}
