/**
 * `push`: send a local tag (or every tag of a repository with -a) to its registry as docker does
 * (moby distribution/push_v2.go): layers top first, at most `max-concurrent-uploads` at once, the
 * config, then a docker schema2 manifest with gzip layers under the tag. The manifest digest is
 * recorded as the image's repo digest, as docker records it.
 */
import { Readable } from 'node:stream';
import { EngineError, invalid, notFound } from '../lib/errors.js';
import { type Digest, shortId } from '../oci/digest.js';
import {
  type Reference, familiarName, familiarString, formatReference, parseCanonical, parseNormalizedNamed, repoName,
} from '../oci/reference.js';
import { type Descriptor, type ImageConfig, MediaType } from '../oci/types.js';
import { pushBlob } from '../registry/blob-push.js';
import { limiter } from '../registry/limit.js';
import { Repository } from '../registry/repository.js';
import { RegistrySession } from '../registry/session.js';
import type { PushOptions, PushResult } from '../types/registry.js';
import { addSource } from './distribution-meta.js';
import { imageEvent } from './image-store.js';
import { Progress } from './progress.js';
import { type PushLayerContext, pushLayer } from './push-layer.js';
import type { RegistryDeps } from './registry-deps.js';

export async function pushImage(deps: RegistryDeps, name: string, opts: PushOptions = {}): Promise<PushResult> {
  const { store } = deps;
  const ref = parseNormalizedNamed(name);
  if (opts.allTags && ref.tag) throw invalid("tag can't be used with --all-tags/-a");
  if (!opts.allTags && !ref.tag && !ref.digest) ref.tag = 'latest';
  const progress = new Progress(opts.onProgress);
  const repoFull = repoName(ref);
  progress.message(`The push refers to repository [${repoFull}]`);
  const tags = await store.meta.readTags();
  const mine = Object.entries(tags).filter(([k]) => repoName(parseCanonical(k)) === repoFull)
    .map(([k, id]) => ({ ref: parseCanonical(k), id: id as Digest }))
    .sort((a, b) => (a.ref.tag ?? '').localeCompare(b.ref.tag ?? ''));
  if (mine.length === 0) throw notFound(`An image does not exist locally with the tag: ${familiarName(ref)}`);
  if (!ref.tag && !opts.allTags) throw invalid('cannot push a digest reference');
  const targets = opts.allTags ? mine : mine.filter((m) => m.ref.tag === ref.tag);
  if (targets.length === 0) throw notFound(`tag does not exist: ${familiarString(ref)}`);

  const auth = opts.auth ?? (await deps.credentials(ref.domain));
  const session = new RegistrySession({ domain: ref.domain, config: deps.config, auth, signal: opts.signal });
  const lease = await store.takeLease([]);
  try {
    // reach the registry before any layer line, as docker's pusher does (a down registry fails here)
    await session.ping();
    const repo = new Repository(session, ref.path, ['pull', 'push']);
    const pushed: PushResult['pushed'] = [];
    for (const t of targets) {
      pushed.push(await pushTag(deps, { store, repo, domain: ref.domain, repoName: repoFull, progress, attempts: deps.config.maxDownloadAttempts, signal: opts.signal, lease }, t.ref, t.id));
      await store.events.append(imageEvent('push', familiarString(t.ref), familiarName(ref)));
    }
    return { pushed, reference: opts.allTags ? repoFull : formatReference(ref) };
  } finally {
    session.close();
    await store.meta.leases.delete(lease.id);
  }
}

async function pushTag(deps: RegistryDeps, ctx: PushLayerContext, ref: Reference, id: Digest): Promise<PushResult['pushed'][number]> {
  const { store, repo, progress } = ctx;
  const rec = await store.meta.images.get(id.slice(7));
  if (!rec) throw notFound(`could not find image from tag ${familiarString(ref)}: No such image: ${id}`);
  const configBytes = await store.content.readBlob(rec.id);
  const config = JSON.parse(configBytes.toString('utf8')) as ImageConfig;
  const manifest = await store.readManifest(rec);
  const diffIds = config.rootfs.diff_ids;
  if (diffIds.length !== manifest.layers.length) throw new EngineError('DATA_LOSS', `unable to get rootfs for image ${familiarString(ref)}: layers and diff IDs differ`);

  // docker lists layers top first: "Preparing" for each, then "Waiting" for those beyond the limit
  const order = manifest.layers.map((_, i) => i).reverse();
  for (const i of order) progress.layer(shortId(diffIds[i]!), 'Preparing');
  const limit = limiter(deps.config.maxConcurrentUploads);
  const byDigest = new Map<string, Promise<Descriptor>>();
  const stop = new AbortController();
  const results: Promise<Descriptor>[] = new Array(manifest.layers.length);
  for (const i of order) {
    const l = manifest.layers[i]!;
    let p = byDigest.get(l.digest);
    if (!p) {
      p = limit(() => { stop.signal.throwIfAborted(); return pushLayer(ctx, l, diffIds[i]!); }, () => progress.layer(shortId(diffIds[i]!), 'Waiting'));
      p.catch(() => stop.abort());
      byDigest.set(l.digest, p);
    }
    results[i] = p;
  }
  const settled = await Promise.allSettled(results);
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) throw failed.reason;
  const layers = settled.map((s) => (s as PromiseFulfilledResult<Descriptor>).value);

  await pushBlob(repo, { digest: rec.id, size: configBytes.length }, () => Readable.from([configBytes]), { attempts: ctx.attempts, signal: ctx.signal });
  // byte for byte what docker's schema2 builder writes (json.MarshalIndent with three spaces)
  const body = {
    schemaVersion: 2, mediaType: MediaType.DockerManifest,
    config: { mediaType: MediaType.DockerConfig, size: configBytes.length, digest: rec.id },
    layers: layers.map((l) => ({ mediaType: l.mediaType, size: l.size, digest: l.digest })),
  };
  const bytes = Buffer.from(JSON.stringify(body, null, 3));
  const digest = await repo.putManifest(ref.tag!, MediaType.DockerManifest, bytes);
  progress.message(`${ref.tag}: digest: ${digest} size: ${bytes.length}`);
  progress.aux({ Tag: ref.tag!, Digest: digest, Size: bytes.length });
  await addSource(store, rec.id, ctx.repoName).catch(() => undefined);
  await store.meta.lock(async () => {
    const cur = await store.meta.images.get(id.slice(7));
    const rd = `${ctx.repoName}@${digest}`;
    if (cur && !cur.repoDigests.includes(rd)) await store.meta.images.put(id.slice(7), { ...cur, repoDigests: [...cur.repoDigests, rd] });
  });
  return { Tag: ref.tag!, Digest: digest, Size: bytes.length };
}
