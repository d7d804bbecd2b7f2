/**
 * Image records against their blobs and snapshots, and tags against records. A missing snapshot
 * is re-unpacked from the layer blobs when they are all there; a missing blob cannot be rebuilt
 * locally (the image must be pulled or loaded again). A tag naming no record is removed.
 */
import type { Digest } from '../../oci/digest.js';
import type { ImageConfig, Manifest } from '../../oci/types.js';
import type { ImageRecord } from '../../store/metadata/records.js';
import { attempt, type CheckContext, type CheckFinding } from './types.js';
import { blobPath, reacquireHint } from './refs.js';
import { familiarString, parseCanonical } from '../../oci/reference.js';

async function checkImage(ctx: CheckContext, rec: ImageRecord): Promise<CheckFinding[]> {
  const { images } = ctx;
  const out: CheckFinding[] = [];
  const short = rec.id.slice(7, 19);
  const missingBlob = async (digest: string, what: string) => out.push({
    kind: 'missing-blob', severity: 'error', path: blobPath(ctx.root, digest), repairable: false,
    message: `image ${short}: ${what} blob ${digest} is missing`, hint: await reacquireHint(images, [rec.id]),
  });
  let config: ImageConfig | undefined;
  let manifest: Manifest | undefined;
  if (!(await images.content.info(rec.id))) await missingBlob(rec.id, 'config');
  else config = await images.readConfig(rec).catch(() => undefined);
  if (!(await images.content.info(rec.manifest))) await missingBlob(rec.manifest, 'manifest');
  else manifest = await images.readManifest(rec).catch(() => undefined);
  let layersPresent = manifest !== undefined;
  for (const l of manifest?.layers ?? []) {
    if (await images.content.info(l.digest)) continue;
    layersPresent = false;
    await missingBlob(l.digest, 'layer');
  }
  if (!config) return out;
  const chain = images.chainOf(config);
  const missing: Digest[] = [];
  for (const c of chain) if (!(await images.snapshots.exists(c))) missing.push(c);
  if (!missing.length) return out;
  const f: CheckFinding = {
    kind: 'missing-snapshot', severity: 'error', path: images.snapshots.fsPath(missing[0]!), repairable: layersPresent,
    message: `image ${short}: ${missing.length} of ${chain.length} layer snapshot(s) missing (${missing.map((m) => m.slice(7, 19)).join(', ')})`,
  };
  if (!layersPresent) f.hint = await reacquireHint(images, [rec.id]);
  // the layer blobs are the source of truth: unpacking again recreates exactly the same chain IDs
  out.push(await attempt(ctx, f, async () => { await images.unpack(config, manifest!.layers); }));
  return out;
}

export async function checkImages(ctx: CheckContext): Promise<CheckFinding[]> {
  const out: CheckFinding[] = [];
  for (const rec of await ctx.images.meta.images.list()) out.push(...await checkImage(ctx, rec));
  return out;
}

export async function checkTags(ctx: CheckContext): Promise<CheckFinding[]> {
  const { meta } = ctx.images;
  const tags = await meta.readTags();
  const out: CheckFinding[] = [];
  for (const [ref, id] of Object.entries(tags)) {
    if (await meta.images.get(id.replace(/^sha256:/, '')).catch(() => undefined)) continue;
    let name = ref;
    try { name = familiarString(parseCanonical(ref)); } catch { /* keep the raw key */ }
    out.push(await attempt(ctx, {
      kind: 'dangling-tag', severity: 'error', path: ref, repairable: true, message: `tag ${name} points at image ${id.slice(7, 19)}, which does not exist`,
    }, () => meta.lock(async () => {
      const now = await meta.readTags();
      // re-read under the lock: a concurrent tag may have repointed it meanwhile
      if (now[ref] === id && !(await meta.images.get(id.replace(/^sha256:/, '')))) { delete now[ref]; await meta.writeTags(now); }
    })));
  }
  return out;
}
