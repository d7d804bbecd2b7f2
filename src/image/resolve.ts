/**
 * Find an image the way docker does: full ID, reference (name[:tag] or name@digest), then a
 * unique ID prefix. Unknown → NOT_FOUND "No such image: <ref>".
 */
import type { ImageRecord } from '../store/metadata/records.js';
import type { MetaStore } from '../store/metadata/meta-store.js';
import { EngineError } from '../lib/errors.js';
import { formatReference, parseReference, repoName, type Reference } from '../oci/reference.js';

export interface Resolved {
  record: ImageRecord;
  /** The reference the user named, when they named one (not an ID). */
  ref?: Reference;
  /** Canonical tag string matched, e.g. docker.io/library/busybox:latest. */
  tag?: string;
}

const ID_RE = /^(sha256:)?([a-f0-9]{1,64})$/;

export async function resolveImage(meta: MetaStore, name: string): Promise<Resolved> {
  const full = /^sha256:([a-f0-9]{64})$/.exec(name);
  if (full) {
    const record = await meta.images.get(full[1]!);
    if (record) return { record };
    throw new EngineError('NOT_FOUND', `No such image: ${name}`, { detail: { object: 'image', ref: name } });
  }
  let ref: Reference | undefined;
  let parseError: unknown;
  try { ref = parseReference(name); } catch (err) { parseError = err; }
  if (ref) {
    const tags = await meta.readTags();
    if (ref.digest) {
      const want = `${repoName(ref)}@${ref.digest}`;
      for (const rec of await meta.images.list()) if (rec.repoDigests.includes(want)) return { record: rec, ref };
    } else {
      const canonical = formatReference(ref);
      const id = tags[canonical];
      const record = id ? await meta.images.get(id.slice(7)) : undefined;
      if (record) return { record, ref, tag: canonical };
    }
  }
  const m = ID_RE.exec(name);
  if (m) {
    const matches = (await meta.images.keys()).filter((k) => k.startsWith(m[2]!));
    if (matches.length > 1) throw new EngineError('INVALID_ARGUMENT', `multiple IDs found with provided prefix: ${name}`);
    if (matches.length === 1) {
      const record = await meta.images.get(matches[0]!);
      if (record) return { record };
    }
  }
  if (parseError && !m) throw parseError;
  throw new EngineError('NOT_FOUND', `No such image: ${ref ? displayRef(name, ref) : name}`, { detail: { object: 'image', ref: ref ? displayRef(name, ref) : name } });
}

/** Docker reports a missing "busybox" as "busybox:latest". */
function displayRef(typed: string, ref: Reference): string {
  return ref.tag && !typed.includes(':') && !ref.digest ? `${typed}:${ref.tag}` : typed;
}

/** Tags (canonical) pointing at an image ID. */
export function tagsOf(tags: Record<string, string>, id: string): string[] {
  return Object.entries(tags).filter(([, v]) => v === id).map(([k]) => k);
}
