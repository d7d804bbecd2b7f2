/** A container's disk use as docker reports it: SizeRw (its writable layer) and SizeRootFs (image + writable layer). */
import type { ContainerDeps } from './runtime-deps.js';
import type { ContainerRecord } from './record.js';
import { du } from './misc.js';

export async function containerSize(deps: ContainerDeps, rec: Pick<ContainerRecord, 'Id' | 'Image'>): Promise<{ SizeRw: number; SizeRootFs: number }> {
  const [rw, image] = await Promise.all([
    du(deps.store.paths.upper(rec.Id)),
    deps.images.meta.images.get(rec.Image.replace(/^sha256:/, '')).catch(() => undefined),
  ]);
  return { SizeRw: rw, SizeRootFs: rw + (image?.size ?? 0) };
}
