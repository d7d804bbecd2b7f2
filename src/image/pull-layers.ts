/**
 * The layers of one image, as moby's download manager schedules them: blobs already in the
 * content store are "Already exists"; the rest are "Pulling fs layer", then fetched at most
 * `max-concurrent-downloads` at a time ("Waiting" until a slot frees), each "Downloading" →
 * "Verifying Checksum" → "Download complete"; "Pull complete" follows in layer order. The first
 * failure cancels the other transfers, whose partial ingests and staging dirs are removed.
 */
import { EngineError, isEngineError } from '../lib/errors.js';
import { chainIds, type Digest, shortId } from '../oci/digest.js';
import type { Descriptor } from '../oci/types.js';
import { limiter } from '../registry/limit.js';
import type { Repository } from '../registry/repository.js';
import type { Progress } from './progress.js';
import { pullLayer } from './pull-layer.js';
import { removeStalePartials } from './pull-partial.js';
import type { RegistryDeps } from './registry-deps.js';

export async function pullLayers(deps: RegistryDeps, repo: Repository, layers: Descriptor[], diffIds: Digest[], progress: Progress, signal?: AbortSignal): Promise<void> {
  const { store, config } = deps;
  const chain = chainIds(diffIds);
  // pulls are when partials pile up, so they also sweep the stale ones (GC does too)
  await removeStalePartials(store).catch(() => undefined);
  const present = await Promise.all(layers.map(async (l) => (await store.content.info(l.digest))?.size === l.size));
  const ids = layers.map((l) => shortId(l.digest));
  layers.forEach((_, i) => progress.layer(ids[i]!, present[i] ? 'Already exists' : 'Pulling fs layer'));

  const stop = new AbortController();
  const combined = signal ? AbortSignal.any([signal, stop.signal]) : stop.signal;
  const limit = limiter(config.maxConcurrentDownloads);
  const done = present.slice();
  let next = 0;
  const flush = () => {
    for (; next < layers.length && done[next]; next++) if (!present[next]) progress.layer(ids[next]!, 'Pull complete');
  };
  const complete = (i: number) => { done[i] = true; flush(); };

  const inflight = new Map<Digest, Promise<void>>();
  let failure: unknown;
  const jobs = layers.map((l, i) => {
    if (present[i]) return Promise.resolve();
    const shared = inflight.get(l.digest);
    // the same blob twice in one image: fetch it once; commitImage unpacks the second chain link
    if (shared) return shared.then(() => complete(i));
    const job = limit(async () => {
      combined.throwIfAborted();
      const id = ids[i]!;
      await pullLayer(store, repo, {
        desc: l, diffId: diffIds[i]!, chainId: chain[i]!, parent: i === 0 ? '' : chain[i - 1]!,
        unpack: !(await store.snapshots.exists(chain[i]!)),
        onDownloaded: () => { progress.layer(id, 'Verifying Checksum'); progress.layer(id, 'Download complete'); },
      }, {
        attempts: config.maxDownloadAttempts, retryDelayMs: config.retryDelayMs, signal: combined,
        onProgress: (cur, total) => progress.bytes(id, 'Downloading', cur, total),
        onRetryWait: (s) => progress.layer(id, `Retrying in ${s} second${s === 1 ? '' : 's'}`),
      });
    }, () => progress.layer(ids[i]!, 'Waiting')).then(() => complete(i), (err: unknown) => {
      failure ??= isEngineError(err) ? err : new EngineError('CANCELED', 'pull canceled', { cause: err });
      stop.abort();
    });
    inflight.set(l.digest, job);
    return job;
  });
  await Promise.all(jobs);
  if (failure) throw failure;
  if (signal?.aborted) throw new EngineError('CANCELED', 'pull canceled');
}
