/**
 * Which images (and under which tags) `save` writes, as docker's tarexport.parseNames: a
 * `name:tag` saves that tag, a bare repository name every tag of that repository, an ID or a
 * `name@digest` the image untagged. Images named twice are written once.
 */
import type { ImageRecord } from '../../store/metadata/records.js';
import {
  type Reference, parseCanonical, parseNormalizedNamed, repoName,
} from '../../oci/reference.js';
import type { ImageStore } from '../image-store.js';
import { resolveImage } from '../resolve.js';

export interface SaveTarget {
  record: ImageRecord;
  /** Tagged references (canonical parts), in the order they were named. */
  tags: Reference[];
}

export async function selectImages(store: ImageStore, refs: string[]): Promise<SaveTarget[]> {
  const byId = new Map<string, SaveTarget>();
  const add = (record: ImageRecord, ref?: Reference) => {
    let t = byId.get(record.id);
    if (!t) byId.set(record.id, (t = { record, tags: [] }));
    if (ref?.tag && !t.tags.some((x) => repoName(x) === repoName(ref) && x.tag === ref.tag)) t.tags.push(ref);
  };
  const tags = await store.meta.readTags();
  for (const name of refs) {
    const repoOnly = bareRepository(name);
    if (repoOnly) {
      const inRepo = Object.entries(tags)
        .map(([k, id]) => ({ ref: parseCanonical(k), id }))
        .filter(({ ref }) => ref.tag && repoName(ref) === repoOnly);
      let found = false;
      for (const { ref, id } of inRepo) {
        const record = await store.meta.images.get(id.slice(7));
        if (record) { add(record, ref); found = true; }
      }
      if (found) continue;
    }
    const r = await resolveImage(store.meta, name);
    add(r.record, r.tag ? parseCanonical(r.tag) : undefined);
  }
  return [...byId.values()];
}

/** docker.io/library/busybox for `busybox`; undefined when a tag or digest is given or it is no name. */
function bareRepository(name: string): string | undefined {
  try {
    const ref = parseNormalizedNamed(name);
    return ref.tag || ref.digest ? undefined : repoName(ref);
  } catch {
    return undefined;
  }
}
