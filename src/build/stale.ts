/**
 * What a killed build leaves, removed by the next one: intermediate containers whose owning
 * build process is gone (a kill -9 during RUN leaves its container running under conmon, with
 * its overlay mounted), temp dirs of dead builds, and staging snapshots of dead writers.
 */
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import type { ContainerDeps } from '../container/runtime-deps.js';
import { removeContainer } from '../container/remove.js';
import { processAlive as pidAlive } from '../lib/process-alive.js';
import { BuildTemp } from './build-ctx.js';
import { BUILD_LABEL, OWNER_LABEL, ownerAlive } from './owner.js';

export async function cleanupStale(deps: ContainerDeps): Promise<string[]> {
  const removed: string[] = [];
  for (const rec of await deps.store.records.list()) {
    const labels = rec.Config.Labels ?? {};
    if (labels[BUILD_LABEL] !== '1' || ownerAlive(labels[OWNER_LABEL])) continue;
    try {
      await removeContainer(deps, rec.Id, { force: true });
      removed.push(rec.Id);
    } catch { /* removed meanwhile, or busy: the next build tries again */ }
  }
  const tmp = BuildTemp.base(deps.store.meta.root);
  const names = await fsp.readdir(tmp).catch(() => [] as string[]);
  for (const n of names) {
    if (!pidAlive(Number(/^(\d+)-/.exec(n)?.[1] ?? 0))) await fsp.rm(join(tmp, n), { recursive: true, force: true });
  }
  for (const dir of await deps.images.snapshots.staleStaging()) await fsp.rm(dir, { recursive: true, force: true });
  return removed;
}
