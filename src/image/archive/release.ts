/**
 * After a load, drop the blobs it brought in that nothing ended up using (a raw config commitImage
 * re-serialised, the archive's own manifests, other platforms' blobs, everything from a failed
 * load). A restricted GC: only blobs this load created, under the meta lock, keeping anything an
 * image record or another live operation's lease refers to.
 */
import type { Digest } from '../../oci/digest.js';
import type { ImageStore } from '../image-store.js';

export async function releaseUnreferenced(store: ImageStore, leaseId: string, candidates: Set<Digest>): Promise<void> {
  if (candidates.size === 0) return;
  await store.meta.lock(async () => {
    const keep = new Set<string>();
    for (const rec of await store.meta.images.list()) {
      keep.add(rec.id);
      keep.add(rec.manifest);
      try {
        for (const l of (await store.readManifest(rec)).layers) keep.add(l.digest);
      } catch {
        // an unreadable manifest could refer to anything; leave the decision to the real GC
        return;
      }
    }
    for (const lease of await store.meta.leases.list()) {
      if (lease.id !== leaseId) for (const b of lease.blobs) keep.add(b);
    }
    for (const d of candidates) if (!keep.has(d)) await store.content.delete(d);
  });
}
