/**
 * Garbage collection: delete blobs and snapshots that nothing reachable refers to. Roots are
 * image records, live leases (in-flight operations), and whatever other domains report
 * (containers' images, the build cache). Runs inside the meta lock.
 */
import { promises as fsp } from 'node:fs';
import type { Digest } from '../oci/digest.js';
import type { ImageStore } from './image-store.js';
import { processAlive as pidAlive } from '../lib/process-alive.js';
import { removeStalePartials } from './pull-partial.js';

export interface GcRoots {
  blobs: Digest[];
  snapshots: Digest[];
}

/** Other domains register roots here (containers keep their image's snapshots, …). */
export type RootProvider = () => Promise<GcRoots>;

export interface GcResult {
  /** Chain IDs of removed snapshots, as docker reports "Deleted: sha256:<chain id>". */
  snapshots: Digest[];
  blobs: Digest[];
  /** Unpacked bytes freed. */
  reclaimed: number;
}

/** With `dryRun`, nothing is deleted: the result lists what a collection would remove (`system check`). */
export async function collectGarbage(store: ImageStore, providers: RootProvider[] = [], opts: { dryRun?: boolean } = {}): Promise<GcResult> {
  const dry = opts.dryRun === true;
  const blobs = new Set<string>();
  const snaps = new Set<string>();
  for (const rec of await store.meta.images.list()) {
    blobs.add(rec.id);
    blobs.add(rec.manifest);
    try {
      const manifest = await store.readManifest(rec);
      for (const l of manifest.layers) blobs.add(l.digest);
      for (const c of store.chainOf(await store.readConfig(rec))) snaps.add(c);
    } catch {
      // a record whose manifest or config blob is missing keeps nothing else alive; `system check` reports it
    }
  }
  for (const lease of await store.meta.leases.list()) {
    if (!pidAlive(lease.pid)) { if (!dry) await store.meta.leases.delete(lease.id); continue; }
    lease.blobs.forEach((b) => blobs.add(b));
    lease.snapshots.forEach((s) => snaps.add(s));
  }
  for (const p of providers) {
    const r = await p();
    r.blobs.forEach((b) => blobs.add(b));
    r.snapshots.forEach((s) => snaps.add(s));
  }
  const result: GcResult = { snapshots: [], blobs: [], reclaimed: 0 };
  // children before parents, so "Deleted:" lines come top layer first as docker prints them
  const all = await store.snapshots.list();
  const depth = new Map(all.map((s) => [s.chainId, 0]));
  for (const s of all) { let p = s.parent; let d = 0; while (p) { d++; p = all.find((x) => x.chainId === p)?.parent ?? ''; } depth.set(s.chainId, d); }
  for (const s of all.sort((a, b) => depth.get(b.chainId)! - depth.get(a.chainId)!)) {
    if (snaps.has(s.chainId)) continue;
    if (!dry) await store.snapshots.remove(s.chainId);
    result.snapshots.push(s.chainId);
    result.reclaimed += s.size;
  }
  for (const b of await store.content.list()) {
    if (blobs.has(b.digest)) continue;
    if (!dry) await store.content.delete(b.digest);
    result.blobs.push(b.digest);
  }
  if (!dry) for (const dir of await store.snapshots.staleStaging()) await fsp.rm(dir, { recursive: true, force: true });
  if (!dry) await removeStalePartials(store); // pulls nobody resumed for a day (pull-partial.ts)
  return result;
}
