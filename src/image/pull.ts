/**
 * `pull`: resolve a reference on its registry, pick the linux/amd64 (or asked-for) manifest, fetch
 * the config and the missing layers (3 at a time; unpacked while they stream), then publish through
 * ImageStore.commitImage with the registry's exact config bytes, so the image ID is the config
 * digest, and `<repo>@<manifest digest>` as repo digest. Progress follows moby's pull_v2 lines.
 */
import { EngineError, invalid, isEngineError } from '../lib/errors.js';
import { chainIds, type Digest, isDigest } from '../oci/digest.js';
import {
  type Reference, familiarName, familiarString, formatReference, parseNormalizedNamed, repoName,
} from '../oci/reference.js';
import { type ImageConfig, type Manifest, type Platform, isLayerMediaType } from '../oci/types.js';
import { registryCodeOf } from '../registry/errcode.js';
import { DEFAULT_PLATFORM, parseManifest, parsePlatform, selectPlatform } from '../registry/manifest.js';
import { Repository } from '../registry/repository.js';
import { RegistrySession } from '../registry/session.js';
import type { PullOptions, PullResult } from '../types/registry.js';
import { addSource } from './distribution-meta.js';
import { imageEvent } from './image-store.js';
import { Progress } from './progress.js';
import { pullLayers } from './pull-layers.js';
import type { RegistryDeps } from './registry-deps.js';

export async function pullImage(deps: RegistryDeps, name: string, opts: PullOptions = {}): Promise<PullResult> {
  const ref = parseNormalizedNamed(name);
  if (opts.allTags && (ref.tag || ref.digest)) throw invalid("tag can't be used with --all-tags/-a");
  if (!opts.allTags && !ref.tag && !ref.digest) ref.tag = 'latest';
  if (familiarName(ref) === 'scratch') throw invalid("'scratch' is a reserved name");
  const platform = opts.platform ? parsePlatform(opts.platform) : DEFAULT_PLATFORM;
  const auth = opts.auth ?? (await deps.credentials(ref.domain));
  const session = new RegistrySession({ domain: ref.domain, config: deps.config, auth, signal: opts.signal });
  const progress = new Progress(opts.onProgress);
  try {
    const repo = new Repository(session, ref.path, ['pull']);
    const refs: Reference[] = opts.allTags
      ? (await repo.listTags()).map((tag) => ({ ...ref, tag }))
      : [ref];
    let updated = false;
    let id = '';
    for (const r of refs) {
      const one = await pullOne(deps, repo, r, platform, progress, opts.signal);
      updated ||= one.updated;
      id = one.id;
    }
    progress.message(`Status: ${updated ? 'Downloaded newer image' : 'Image is up to date'} for ${familiarString(ref)}`);
    await deps.store.events.append({ ...imageEvent('pull', familiarString(ref), familiarName(ref)) });
    return { id, updated, reference: opts.allTags ? repoName(ref) : formatReference(ref) };
  } catch (err) {
    throw translatePullError(err, ref);
  } finally {
    session.close();
  }
}

/** moby's translatePullError: a denied or unknown repository/manifest reads as "not found". */
function translatePullError(err: unknown, ref: Reference): unknown {
  const code = registryCodeOf(err);
  if (!isEngineError(err) || !code) return err;
  const detail = { ...err.detail };
  if (code === 'DENIED') {
    return new EngineError('NOT_FOUND', `pull access denied for ${familiarName(ref)}, repository does not exist or may require 'docker login': ${err.message}`, { cause: err, detail });
  }
  if (code === 'MANIFEST_UNKNOWN') return new EngineError('NOT_FOUND', `manifest for ${familiarString(ref)} not found: ${err.message}`, { cause: err, detail });
  if (code === 'NAME_UNKNOWN') return new EngineError('NOT_FOUND', `repository ${familiarName(ref)} not found: ${err.message}`, { cause: err, detail });
  return err;
}

async function pullOne(deps: RegistryDeps, repo: Repository, ref: Reference, platform: Platform, progress: Progress, signal?: AbortSignal) {
  const { store } = deps;
  const name = repoName(ref);
  const tagOrDigest = ref.digest ?? ref.tag!;
  // docker's progress id: the tag, or the whole canonical reference for a digest
  const progressId = ref.digest ? formatReference(ref) : ref.tag!;
  const head = ref.digest ? { digest: ref.digest as Digest } : await repo.headManifest(tagOrDigest);
  const topDigest = head?.digest;
  const tags = await store.meta.readTags();
  const before = ref.digest ? undefined : tags[formatReference(ref)];
  // the repo digest is already here: nothing to fetch (docker consults its manifest cache the same way)
  const known = topDigest ? await findByRepoDigest(deps, `${name}@${topDigest}`, platform) : undefined;
  let id: string;
  let digest: Digest;
  if (known) {
    progress.message(`Pulling from ${familiarName(ref)}`, progressId);
    id = known;
    digest = topDigest!;
  } else {
    const top = await repo.getManifest(topDigest ?? tagOrDigest);
    digest = top.digest;
    let parsed = parseManifest(top.bytes, top.mediaType, familiarString(ref));
    progress.message(`Pulling from ${familiarName(ref)}`, progressId);
    if (parsed.kind === 'index') {
      const pick = selectPlatform(parsed.index, platform);
      const m = await repo.getManifest(pick.digest);
      parsed = parseManifest(m.bytes, m.mediaType, familiarString(ref));
      if (parsed.kind !== 'manifest') throw invalid('unsupported manifest format: nested index');
    }
    id = await pullManifest(deps, repo, parsed.manifest, ref, digest, progress, signal);
  }
  progress.message(`Digest: ${digest}`);
  const tagsNow = ref.digest ? [] : [formatReference(ref)];
  const rec = await store.meta.images.get(id.slice(7));
  const hadDigest = rec?.repoDigests.includes(`${name}@${digest}`) ?? false;
  // an image that was here already (or found by its repo digest) may still need this tag and digest
  if (rec && (before !== id || !hadDigest)) {
    await store.meta.lock(async () => {
      const cur = await store.meta.images.get(id.slice(7));
      if (!cur) return;
      if (!cur.repoDigests.includes(`${name}@${digest}`)) cur.repoDigests.push(`${name}@${digest}`);
      await store.meta.images.put(id.slice(7), cur);
      for (const t of tagsNow) await store.setTag(t, id as Digest);
    });
  }
  const updated = ref.digest ? !known : before !== id;
  return { id, updated };
}

/** A local image already pulled from this digest, for this platform (an index digest covers several). */
async function findByRepoDigest(deps: RegistryDeps, repoDigest: string, platform: Platform): Promise<string | undefined> {
  for (const rec of await deps.store.meta.images.list()) {
    if (!rec.repoDigests.includes(repoDigest)) continue;
    const c = await deps.store.readConfig(rec).catch(() => undefined);
    if (c && c.os === platform.os && c.architecture === platform.architecture && (!platform.variant || c.variant === platform.variant)) return rec.id;
  }
  return undefined;
}

/** Fetch config and layers of one image manifest and commit the image; returns its ID. */
async function pullManifest(deps: RegistryDeps, repo: Repository, manifest: Manifest, ref: Reference, digest: Digest, progress: Progress, signal?: AbortSignal): Promise<string> {
  const { store } = deps;
  const configDigest = manifest.config.digest;
  if (!isDigest(configDigest)) throw invalid(`invalid config digest "${configDigest}"`);
  for (const l of manifest.layers) {
    if (!isDigest(l.digest)) throw invalid(`could not validate layer digest "${l.digest}"`);
    if (/^application\/vnd\.docker\.ai\./i.test(l.mediaType)) throw invalid('AI models are not yet supported by the Engine, please use "docker model pull/run" instead');
    if (l.mediaType.endsWith('+zstd') || l.mediaType.endsWith('.zstd')) {
      throw new EngineError('NOT_IMPLEMENTED', `layer ${l.digest} is zstd-compressed (${l.mediaType}); berth cannot decompress zstd on Node 20`);
    }
    if (!isLayerMediaType(l.mediaType) && l.mediaType !== 'application/octet-stream') throw invalid(`unsupported media type ${l.mediaType}`);
  }
  if (await store.meta.images.get(configDigest.slice(7))) return configDigest; // the image exists locally
  const configBytes = await repo.getBlob(manifest.config);
  let config: ImageConfig;
  try {
    config = JSON.parse(configBytes.toString('utf8')) as ImageConfig;
  } catch (err) {
    throw invalid(`invalid image config ${configDigest}: ${(err as Error).message}`);
  }
  const diffIds = config.rootfs?.diff_ids;
  if (!Array.isArray(diffIds) || diffIds.length !== manifest.layers.length || !diffIds.every(isDigest)) {
    throw invalid("layers from manifest don't match image configuration");
  }
  if (config.os && config.os !== 'linux') throw invalid(`cannot download image with operating system "${config.os}" when requesting "linux"`);
  const lease = await store.takeLease([configDigest, ...manifest.layers.map((l) => l.digest)], chainIds(diffIds));
  try {
    await pullLayers(deps, repo, manifest.layers, diffIds, progress, signal);
    const layers = manifest.layers.map((l) => ({ mediaType: l.mediaType, digest: l.digest, size: l.size }));
    const rec = await store.commitImage(config, layers, {
      configBytes, tags: ref.digest ? [] : [formatReference(ref)], repoDigests: [`${repoName(ref)}@${digest}`], signal,
    });
    // separate records, so written at once (each is an atomic, fsynced file)
    await Promise.all(layers.map((l) => addSource(store, l.digest, repoName(ref)).catch(() => undefined)));
    return rec.id;
  } finally {
    await store.meta.leases.delete(lease.id);
  }
}
