/**
 * Volume records against volumes/<name>/_data. Read inside the meta lock, where volumes are created
 * and removed, so an in-flight create is never mistaken for an orphan. A record missing its data
 * dir gets an empty one back (the volume stays usable); a data dir without a record is what a
 * `volume rm` killed between its two steps leaves (the record goes first), so it is removed.
 */
import { promises as fsp } from 'node:fs';
import { volumeStoreOf } from '../../container/host-resources.js';
import { attempt, type CheckContext, type CheckFinding } from './types.js';

export async function checkVolumes(ctx: CheckContext): Promise<CheckFinding[]> {
  const volumes = volumeStoreOf(ctx.ctr.store);
  return ctx.images.meta.lock(async () => {
    const out: CheckFinding[] = [];
    const records = await volumes.list();
    const names = new Set(records.map((r) => r.Name));
    for (const r of records) {
      const data = volumes.dataPath(r.Name);
      if (await fsp.stat(data).then((s) => s.isDirectory(), () => false)) continue;
      out.push(await attempt(ctx, {
        kind: 'volume-data-missing', severity: 'error', path: data, repairable: true, message: `volume ${r.Name}: data directory is missing (repair recreates it empty)`,
      }, async () => {
        await fsp.mkdir(volumes.rootPath(r.Name), { recursive: true, mode: 0o701 });
        await fsp.mkdir(data, { recursive: true, mode: 0o755 });
      }));
    }
    for (const n of await fsp.readdir(volumes.dir).catch(() => [] as string[])) {
      if (names.has(n)) continue;
      out.push(await attempt(ctx, {
        kind: 'orphan-volume-dir', severity: 'warning', path: volumes.rootPath(n), repairable: true, message: `volume directory ${n} has no record (a removal was interrupted)`,
      }, () => fsp.rm(volumes.rootPath(n), { recursive: true, force: true })));
    }
    return out;
  });
}
