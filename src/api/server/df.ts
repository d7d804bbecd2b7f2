/** GET /system/df: docker's DiskUsage; `type=` (repeatable, API 1.42+) limits it to those parts. */
import type { DiskUsage } from '../../engine/types.js';
import { EngineError } from '../../lib/errors.js';
import { sendJson } from './http-util.js';
import type { Ctx, Route } from './route-types.js';

const TYPES = ['container', 'image', 'volume', 'build-cache'] as const;

/** The parts asked for, as dockerd leaves the others out of the answer (nil → omitted). */
export function selectUsage(du: DiskUsage, types: string[]): Partial<DiskUsage> {
  if (types.length === 0) return du;
  for (const t of types) {
    if (!(TYPES as readonly string[]).includes(t)) throw new EngineError('INVALID_ARGUMENT', `unknown object type: ${t}`);
  }
  const out: Partial<DiskUsage> = {};
  if (types.includes('image')) Object.assign(out, { LayersSize: du.LayersSize, Images: du.Images });
  if (types.includes('container')) out.Containers = du.Containers;
  if (types.includes('volume')) out.Volumes = du.Volumes;
  if (types.includes('build-cache')) out.BuildCache = du.BuildCache;
  return out;
}

async function df({ engine, q, res }: Ctx): Promise<void> {
  const types = q.getAll('type').filter(Boolean);
  // the check comes before the (slow) usage walk: a bad type is a 400 at once
  selectUsage({ LayersSize: 0, Images: [], Containers: [], Volumes: [], BuildCache: [] }, types);
  const du = await engine.diskUsage();
  // dockerd computes SharedSize here (the CLI counts -1 as "unknown" and calls an image in use
  // fully reclaimable); berth's df counts no layer as shared, so say 0, as `berth system df -v` does
  const usage = { ...du, Images: du.Images.map((i) => (i.SharedSize < 0 ? { ...i, SharedSize: 0 } : i)) };
  sendJson(res, 200, selectUsage(usage, types));
}

export const routes: Route[] = [{ method: 'GET', path: /^\/system\/df$/, handler: df }];
