/** `rmi` and `image prune` with docker's untag-vs-delete rules and conflict messages. */
import { filterTimeMs } from '../lib/filter-time.js';
import type { ImageDeleteItem, ImagePruneResult } from '../types/docker.js';
import type { ImageStore } from './image-store.js';
import { imageEvent } from './image-store.js';
import type { ImageRecord } from '../store/metadata/records.js';
import { conflict, invalid } from '../lib/errors.js';
import { shortId } from '../oci/digest.js';
import { familiarString, parseCanonical } from '../oci/reference.js';
import { resolveImage, tagsOf } from './resolve.js';
import { collectGarbage, type RootProvider } from './gc.js';
import { matchLabel } from './list.js';

/** Who uses an image: containers, reported by the container domain. */
export interface ImageUsers {
  usersOf(imageId: string): Promise<{ id: string; running: boolean }[]>;
  roots: RootProvider[];
}

const noUsers: ImageUsers = { usersOf: async () => [], roots: [] };

export async function removeImage(store: ImageStore, name: string, opts: { force?: boolean; noPrune?: boolean } = {}, users: ImageUsers = noUsers): Promise<ImageDeleteItem[]> {
  return store.meta.lock(async () => {
    const { record, ref, tag } = await resolveImage(store.meta, name);
    const out: ImageDeleteItem[] = [];
    const tags = await store.meta.readTags();
    const refs = tagsOf(tags, record.id);
    const using = await users.usersOf(record.id);
    const namedByRef = ref !== undefined && tag !== undefined;
    if (namedByRef) {
      if (using.length && refs.length === 1 && !opts.force) {
        throw conflict(`conflict: unable to remove repository reference "${name}" (must force) - container ${shortId(using[0]!.id)} is using its referenced image ${shortId(record.id)}`);
      }
      await untag(store, tags, tag!, record.id, out);
      if (refs.length > 1) return out;
    } else if (refs.length > 1 && !opts.force) {
      throw conflict(`conflict: unable to delete ${shortId(record.id)} (must be forced) - image is referenced in multiple repositories`);
    } else {
      // deleting by ID: check hard conflicts before touching any tag
      await checkConflicts(store, record, using, opts.force, refs.length);
      for (const t of refs) await untag(store, tags, t, record.id, out);
    }
    if (namedByRef) {
      // docker: once the last tag is gone, a conflicting delete is quietly skipped (the image
      // stays as an untagged parent or in use), and only the Untagged line is reported
      try { await checkConflicts(store, record, using, opts.force, 0); } catch { return out; }
    }
    await deleteRecord(store, record, out, users, !opts.noPrune);
    return out;
  });
}

async function checkConflicts(store: ImageStore, rec: ImageRecord, using: { id: string; running: boolean }[], force: boolean | undefined, otherRefs: number) {
  const children = (await store.meta.images.list()).filter((r) => r.parent === rec.id);
  if (children.length) throw conflict(`conflict: unable to delete ${shortId(rec.id)} (cannot be forced) - image has dependent child images`);
  const running = using.find((u) => u.running);
  if (running) throw conflict(`conflict: unable to delete ${shortId(rec.id)} (cannot be forced) - image is being used by running container ${shortId(running.id)}`);
  if (!force && using.length) throw conflict(`conflict: unable to delete ${shortId(rec.id)} (must be forced) - image is being used by stopped container ${shortId(using[0]!.id)}`);
  if (!force && otherRefs > 0) throw conflict(`conflict: unable to delete ${shortId(rec.id)} (must be forced) - image is referenced in one or more repositories`);
}

async function untag(store: ImageStore, tags: Record<string, string>, canonical: string, id: string, out: ImageDeleteItem[]) {
  delete tags[canonical];
  await store.meta.writeTags(tags);
  const familiar = familiarString(parseCanonical(canonical));
  out.push({ Untagged: familiar });
  await store.events.append(imageEvent('untag', id, familiar));
}

async function deleteRecord(store: ImageStore, rec: ImageRecord, out: ImageDeleteItem[], users: ImageUsers, prune: boolean) {
  await store.meta.images.delete(rec.id.slice(7));
  out.push({ Deleted: rec.id });
  await store.events.append(imageEvent('delete', rec.id));
  const gc = await collectGarbage(store, users.roots);
  for (const s of gc.snapshots) out.push({ Deleted: s });
  if (!prune || !rec.parent) return;
  // docker prunes untagged parents that no longer have children
  const parent = await store.meta.images.get(rec.parent.slice(7));
  if (!parent) return;
  const tags = await store.meta.readTags();
  const children = (await store.meta.images.list()).filter((r) => r.parent === parent.id);
  if (tagsOf(tags, parent.id).length === 0 && children.length === 0 && (await users.usersOf(parent.id)).length === 0) {
    await deleteRecord(store, parent, out, users, prune);
  }
}

export async function pruneImages(store: ImageStore, opts: { all?: boolean; filters?: Record<string, string[]> } = {}, users: ImageUsers = noUsers): Promise<ImagePruneResult> {
  const filters = opts.filters ?? {};
  for (const k of Object.keys(filters)) if (!['until', 'label', 'label!', 'dangling'].includes(k)) throw invalid(`invalid filter '${k}'`);
  const danglingOnly = opts.all ? false : filters.dangling?.[0] !== 'false';
  const result: ImagePruneResult = { ImagesDeleted: [], SpaceReclaimed: 0 };
  const before = (await store.snapshots.list()).reduce((n, s) => n + s.size, 0);
  await store.meta.lock(async () => {
    const records = await store.meta.images.list();
    const parents = new Set(records.map((r) => r.parent));
    const tags = await store.meta.readTags();
    for (const rec of records) {
      if (parents.has(rec.id)) continue; // heads only; parents go with their children
      if ((await users.usersOf(rec.id)).length) continue;
      const refs = tagsOf(tags, rec.id);
      if (danglingOnly && refs.length) continue;
      const config = await store.readConfig(rec);
      const created = Date.parse(config.created ?? rec.added) / 1000;
      if (filters.until?.length && !(created < untilSeconds(filters.until[0]!))) continue;
      const labels = config.config?.Labels ?? {};
      if (filters.label && !filters.label.every((l) => matchLabel(labels, l))) continue;
      if (filters['label!'] && filters['label!'].some((l) => matchLabel(labels, l))) continue;
      for (const t of refs) await untag(store, tags, t, rec.id, result.ImagesDeleted);
      await deleteRecord(store, rec, result.ImagesDeleted, users, true);
    }
  });
  const after = (await store.snapshots.list()).reduce((n, s) => n + s.size, 0);
  result.SpaceReclaimed = Math.max(0, before - after);
  return result;
}

const untilSeconds = (v: string) => filterTimeMs(v) / 1000;

