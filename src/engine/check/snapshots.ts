/**
 * Snapshot directories: info.json and fs/ present, parent present. A broken snapshot is invisible
 * to the store (list() skips it) and is removed by `--repair`; an image that needs it is then
 * re-unpacked by the image check. Staging dirs of dead writers are crash leftovers.
 */
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { hexOf, type Digest } from '../../oci/digest.js';
import { attempt, type CheckContext, type CheckFinding } from './types.js';

const exists = (p: string) => fsp.stat(p).then(() => true, () => false);

export async function checkSnapshots(ctx: CheckContext): Promise<CheckFinding[]> {
  const { snapshots } = ctx.images;
  const dir = join(ctx.root, 'snapshots');
  const names = (await fsp.readdir(dir).catch(() => [] as string[])).filter((n) => /^[a-f0-9]{64}$/.test(n));
  const out: CheckFinding[] = [];
  for (const n of names) {
    const chainId = `sha256:${n}` as Digest;
    const info = await snapshots.info(chainId).catch(() => undefined);
    const hasFs = await exists(join(dir, n, 'fs'));
    if (!info || !hasFs) {
      if (!(await exists(join(dir, n)))) continue; // removed meanwhile
      out.push(await attempt(ctx, {
        kind: 'broken-snapshot', severity: 'error', path: join(dir, n), repairable: true,
        message: `snapshot ${n.slice(0, 12)} has no ${!info ? 'info.json' : 'fs/'}`,
      }, () => snapshots.remove(chainId)));
      continue;
    }
    if (info.parent && !(await exists(join(dir, hexOf(info.parent), 'fs')))) {
      // nothing to do here: the image check re-unpacks the parent, or GC collects an unneeded child
      out.push({
        kind: 'missing-parent-snapshot', severity: 'warning', path: join(dir, n), repairable: true, repaired: ctx.repair ? true : undefined,
        message: `snapshot ${n.slice(0, 12)}: parent ${info.parent.slice(7, 19)} is missing`,
      });
    }
  }
  for (const stale of await snapshots.staleStaging()) {
    out.push(await attempt(ctx, { kind: 'stale-staging', severity: 'warning', path: stale, repairable: true, message: 'staging snapshot of a writer that is gone' },
      () => fsp.rm(stale, { recursive: true, force: true })));
  }
  return out;
}
