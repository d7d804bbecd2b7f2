/**
 * One pass from a layer tar to a stored layer: the bytes go into the content store while the
 * same stream is extracted into a staging snapshot (as import and commit do). `publish` runs
 * while a lease protects the new blob and snapshot from a concurrent GC; an empty tar
 * (dockerd's layer.EmptyLayer) stores nothing and publishes `undefined`.
 */
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { chainIds, type Digest } from '../oci/digest.js';
import { applyLayer } from './layer/index.js';
import type { ImageStore } from './image-store.js';

/** sha256 of an empty tar (two zero blocks). */
export const EMPTY_LAYER = 'sha256:5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef' as Digest;

export interface StoredLayer {
  diffId: Digest;
  /** Blob size (uncompressed: berth's build layers are plain tars). */
  size: number;
}

export async function storeLayer<T>(
  images: ImageStore, tar: Readable, parentDiffIds: Digest[], publish: (layer: StoredLayer | undefined) => Promise<T>, signal?: AbortSignal,
): Promise<T> {
  const lease = await images.takeLease([]);
  const writer = await images.content.writer();
  const staging = await images.snapshots.prepare();
  try {
    const tap = new Transform({ transform(chunk: Buffer, _enc, cb) { writer.write(chunk).then(() => cb(null, chunk), cb); } });
    const applied = applyLayer(tap, staging.fs, { signal });
    await Promise.all([pipeline(tar, tap, { signal }), applied]);
    const res = await applied;
    if (res.diffId === EMPTY_LAYER) {
      await writer.abort();
      await images.snapshots.discard(staging);
      return await publish(undefined);
    }
    const chain = chainIds([...parentDiffIds, res.diffId]);
    const chainId = chain[chain.length - 1]!;
    await images.meta.leases.put(lease.id, {
      id: lease.id, pid: process.pid, created: new Date().toISOString(), blobs: [res.digest], snapshots: [chainId],
    });
    const blob = await writer.commit({ digest: res.digest });
    if (await images.snapshots.exists(chainId)) await images.snapshots.discard(staging);
    else {
      await images.snapshots.commit(staging, {
        chainId, parent: chain.length > 1 ? chain[chain.length - 2]! : '', diffId: res.diffId, size: res.size, created: new Date().toISOString(),
      });
    }
    return await publish({ diffId: res.diffId, size: blob.size });
  } catch (err) {
    await writer.abort().catch(() => undefined);
    await images.snapshots.discard(staging).catch(() => undefined);
    throw err;
  } finally {
    await images.meta.leases.delete(lease.id);
  }
}
