/**
 * Create the volumes a mount plan names (named ones on first use, anonymous ones always new),
 * and take them back if the container is not created after all.
 */
import type { VolumeStore } from './volume-store.js';
import type { MountRequest } from './mount-spec.js';
import type { ResolvedMount } from './types.js';

export async function materializeMounts(store: VolumeStore, plan: MountRequest[]): Promise<{ mounts: ResolvedMount[]; created: string[] }> {
  const created: string[] = [];
  const mounts: ResolvedMount[] = [];
  try {
    for (const { create, ...m } of plan) {
      if (m.Type !== 'volume') { mounts.push(m); continue; }
      const r = await store.create({ Name: m.Name, Driver: m.Driver, Labels: create?.labels, DriverOpts: create?.options });
      if (r.created) created.push(r.volume.Name);
      // named in the request (even a 64-hex name) = kept by `rm -v`, as dockerd's Spec.Source check
      mounts.push({ ...m, Name: r.volume.Name, Driver: 'local', Anonymous: (m.Name ? m.Anonymous : true) || undefined });
    }
  } catch (err) {
    await rollbackVolumes(store, created);
    throw err;
  }
  return { mounts, created };
}

/** Remove volumes made for a container that was never created (nothing references them yet). */
export async function rollbackVolumes(store: VolumeStore, names: string[]): Promise<void> {
  for (const n of names) await store.remove(n, async () => [], { force: true }).catch(() => undefined);
}
