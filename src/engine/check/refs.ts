/** What the image records need: blob digests and chain IDs → the images (and tags) that need them. */
import type { ImageStore } from '../../image/image-store.js';
import type { ImageRecord } from '../../store/metadata/records.js';
import { familiarString, parseCanonical } from '../../oci/reference.js';

export interface ImageNeeds {
  /** blob digest → image IDs needing it */
  blobs: Map<string, string[]>;
  /** chain ID → image IDs needing it */
  snapshots: Map<string, string[]>;
  records: ImageRecord[];
}

function add(m: Map<string, string[]>, key: string, id: string): void {
  const l = m.get(key);
  if (l) { if (!l.includes(id)) l.push(id); } else m.set(key, [id]);
}

/** Manifests and configs are read leniently: a record whose blobs are broken needs what it names. */
export async function imageNeeds(images: ImageStore): Promise<ImageNeeds> {
  const needs: ImageNeeds = { blobs: new Map(), snapshots: new Map(), records: await images.meta.images.list() };
  for (const rec of needs.records) {
    add(needs.blobs, rec.id, rec.id);
    add(needs.blobs, rec.manifest, rec.id);
    try {
      for (const l of (await images.readManifest(rec)).layers) add(needs.blobs, l.digest, rec.id);
    } catch { /* reported by the image check */ }
    try {
      for (const c of images.chainOf(await images.readConfig(rec))) add(needs.snapshots, c, rec.id);
    } catch { /* reported by the image check */ }
  }
  return needs;
}

/** "busybox:latest" for an image ID, or its short ID: the name a user would pull or load again. */
export async function imageNames(images: ImageStore, ids: string[]): Promise<string[]> {
  const tags = await images.meta.readTags();
  const out: string[] = [];
  for (const id of ids) {
    const named = Object.entries(tags).filter(([, v]) => v === id).map(([k]) => {
      try { return familiarString(parseCanonical(k)); } catch { return k; }
    });
    out.push(...(named.length ? named : [id.slice(7, 19)]));
  }
  return out;
}

/** The advice for content that cannot be rebuilt locally. */
export async function reacquireHint(images: ImageStore, ids: string[]): Promise<string> {
  const names = await imageNames(images, ids);
  return `pull or load ${names.join(', ')} again (or rmi it)`;
}

/** blobs/sha256/<hex>: the ContentStore role interfaces do not expose paths. */
export function blobPath(root: string, digest: string): string {
  return `${root}/blobs/sha256/${digest.replace(/^sha256:/, '')}`;
}
