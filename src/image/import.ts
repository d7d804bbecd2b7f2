/**
 * `import`: a rootfs tarball (plain or gzip) becomes a one-layer image. The raw bytes go to the
 * content store while the same stream is extracted into a staging snapshot: one pass, no temp copy.
 */
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ImportOptions } from '../types/docker.js';
import type { ImageStore } from './image-store.js';
import { applyLayer } from './layer/index.js';
import { type ImageConfig, MediaType } from '../oci/types.js';
import { applyChanges } from './changes.js';
import { parseReference } from '../oci/reference.js';
import { errnoCode, isEngineError, noSpace } from '../lib/errors.js';

/**
 * When one side of the tee fails the other sees "Premature close": report the failure that caused
 * it (a full disk, a corrupt tar), not the echo.
 */
function rootCause(errors: unknown[]): unknown {
  const echo = (e: unknown) => errnoCode(e) === 'ERR_STREAM_PREMATURE_CLOSE' || (e instanceof Error && /premature close/i.test(e.message));
  const full = errors.find((e) => errnoCode(e) === 'ENOSPC' || isEngineError(e, 'RESOURCE_EXHAUSTED'));
  if (full) return isEngineError(full) ? full : noSpace(full);
  return errors.find((e) => !echo(e)) ?? errors[0];
}

export async function importImage(store: ImageStore, tar: Readable, opts: ImportOptions = {}, signal?: AbortSignal): Promise<string> {
  if (opts.reference) parseReference(opts.reference); // reject a bad name before reading anything
  const config0 = applyChanges({}, opts.changes ?? []);
  const lease = await store.takeLease([]);
  const writer = await store.content.writer();
  const staging = await store.snapshots.prepare();
  try {
    // the store write's own failure, kept: stream teardown may surface only as "Premature close"
    let writeError: unknown;
    const tap = new Transform({
      transform(chunk: Buffer, _enc, cb) { writer.write(chunk).then(() => cb(null, chunk), (e: unknown) => { writeError ??= e; cb(e as Error); }); },
    });
    const applied = applyLayer(tap, staging.fs, { signal });
    const [piped, done] = await Promise.allSettled([pipeline(tar, tap), applied]);
    if (piped.status === 'rejected' || done.status === 'rejected') {
      throw rootCause([...(writeError ? [writeError] : []), ...[piped, done].flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []))]);
    }
    const res = done.value;
    await store.meta.leases.put(lease.id, {
      id: lease.id, pid: process.pid, created: new Date().toISOString(), blobs: [res.digest], snapshots: [res.diffId],
    });
    const blob = await writer.commit({ digest: res.digest });
    if (!(await store.snapshots.exists(res.diffId))) {
      await store.snapshots.commit(staging, { chainId: res.diffId, parent: '', diffId: res.diffId, size: res.size, created: new Date().toISOString() });
    } else {
      await store.snapshots.discard(staging);
    }
    const now = new Date().toISOString();
    const config: ImageConfig = {
      architecture: 'amd64', os: 'linux', created: now, config: config0,
      rootfs: { type: 'layers', diff_ids: [res.diffId] },
      history: [{ created: now, comment: opts.message || `Imported from ${opts.source ?? '-'}` }],
      ...(opts.message ? { comment: opts.message } : {}),
    };
    const layerType = res.digest === res.diffId ? MediaType.OciLayer : MediaType.OciLayerGzip;
    const rec = await store.commitImage(config, [{ mediaType: layerType, digest: blob.digest, size: blob.size }], {
      tags: opts.reference ? [opts.reference] : [], action: 'import', signal,
    });
    return rec.id;
  } catch (err) {
    await writer.abort().catch(() => undefined);
    await store.snapshots.discard(staging);
    throw err;
  } finally {
    await store.meta.leases.delete(lease.id);
  }
}
