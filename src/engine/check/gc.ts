/**
 * Unreachable content: blobs and snapshots that no image, live lease or container needs. Found
 * with a dry run of the image GC and collected by the same GC on `--repair`, inside the meta lock
 * as every collection, so the rules (what is a root) live in one place.
 */
import { join } from 'node:path';
import { collectGarbage } from '../../image/gc.js';
import { hexOf } from '../../oci/digest.js';
import { blobPath } from './refs.js';
import type { CheckContext, CheckFinding } from './types.js';

export async function checkUnreachable(ctx: CheckContext): Promise<{ findings: CheckFinding[]; collected: { blobs: number; snapshots: number } }> {
  const { images } = ctx;
  return images.meta.lock(async () => {
    const dry = await collectGarbage(images, ctx.roots, { dryRun: true });
    const findings: CheckFinding[] = [
      ...dry.blobs.map((d): CheckFinding => ({ kind: 'unreachable-blob', severity: 'warning', path: blobPath(ctx.root, d), repairable: true, message: `blob ${d} is not referenced by any image` })),
      ...dry.snapshots.map((c): CheckFinding => ({ kind: 'unreachable-snapshot', severity: 'warning', path: join(ctx.root, 'snapshots', hexOf(c)), repairable: true, message: `snapshot ${c.slice(7, 19)} is not used by any image or container` })),
    ];
    if (!ctx.repair || !findings.length) return { findings, collected: { blobs: 0, snapshots: 0 } };
    const done = await collectGarbage(images, ctx.roots);
    const gone = new Set<string>([...done.blobs.map((d) => blobPath(ctx.root, d)), ...done.snapshots.map((c) => join(ctx.root, 'snapshots', hexOf(c)))]);
    for (const f of findings) f.repaired = gone.has(f.path);
    return { findings, collected: { blobs: done.blobs.length, snapshots: done.snapshots.length } };
  });
}
