/**
 * The image model over the stores: images are manifest + config + layer blobs in the content
 * store, unpacked into chain-ID snapshots, described by records and tags in MetaStore.
 * `commitImage` is the one way an image becomes visible (import, load, commit, build, pull).
 */
import { randomBytes } from 'node:crypto';
import type { ContentStore } from '../store/content/types.js';
import type { MetaStore } from '../store/metadata/meta-store.js';
import type { ImageRecord } from '../store/metadata/records.js';
import type { Snapshotter } from '../store/snapshot/snapshotter.js';
import type { EventsLog } from '../store/events/events-log.js';
import { type Digest, chainIds, sha256 } from '../oci/digest.js';
import { type Descriptor, type ImageConfig, type Manifest, MediaType } from '../oci/types.js';
import { dataLoss } from '../lib/errors.js';
import { familiarString, formatReference, parseReference } from '../oci/reference.js';

export interface ImageStoreDeps {
  content: ContentStore;
  meta: MetaStore;
  snapshots: Snapshotter;
  events: EventsLog;
}

export interface CommitImageOptions {
  /** Canonical or familiar references to tag the image with. */
  tags?: string[];
  parent?: string;
  repoDigests?: string[];
  /** Event action to log ("import", "load", "commit", "pull"…); none when undefined. */
  action?: string;
  signal?: AbortSignal;
  /**
   * The config exactly as it was stored elsewhere (load, pull): the image ID is the digest of these
   * bytes, so they are kept as is rather than re-serialised (Go escapes & as \u0026, JS does not).
   */
  configBytes?: Buffer;
}

export class ImageStore {
  constructor(readonly deps: ImageStoreDeps) {}

  get content() { return this.deps.content; }
  get meta() { return this.deps.meta; }
  get snapshots() { return this.deps.snapshots; }
  get events() { return this.deps.events; }

  async readConfig(rec: ImageRecord): Promise<ImageConfig> {
    return JSON.parse((await this.content.readBlob(rec.id)).toString('utf8')) as ImageConfig;
  }

  async readManifest(rec: ImageRecord): Promise<Manifest> {
    return JSON.parse((await this.content.readBlob(rec.manifest)).toString('utf8')) as Manifest;
  }

  /** Chain IDs of an image's layers, bottom first. */
  chainOf(config: ImageConfig): Digest[] {
    return chainIds(config.rootfs.diff_ids);
  }

  /**
   * Make sure every layer of `config` is unpacked as a snapshot, applying layer blobs from the
   * content store. Each layer's DiffID is verified against the config; a mismatch is DATA_LOSS.
   * Returns the total unpacked size.
   */
  async unpack(config: ImageConfig, layers: Descriptor[], signal?: AbortSignal): Promise<number> {
    const diffIds = config.rootfs.diff_ids;
    if (diffIds.length !== layers.length) {
      throw dataLoss(`image has ${layers.length} layers but its config lists ${diffIds.length} diff IDs`);
    }
    const chain = chainIds(diffIds);
    let size = 0;
    for (let i = 0; i < chain.length; i++) {
      const existing = await this.snapshots.info(chain[i]!);
      if (existing) { size += existing.size; continue; }
      const staging = await this.snapshots.prepare();
      try {
        // loaded on first use: tar/zlib stay out of the start-up of verbs that never unpack (bench/)
        const { applyLayer } = await import('./layer/index.js');
        const res = await applyLayer(this.content.reader(layers[i]!.digest), staging.fs, { signal });
        if (res.diffId !== diffIds[i]) {
          throw dataLoss(`layer ${layers[i]!.digest} does not match the image config: diff ID ${res.diffId}, expected ${diffIds[i]}`);
        }
        await this.snapshots.commit(staging, {
          chainId: chain[i]!, parent: i === 0 ? '' : chain[i - 1]!, diffId: diffIds[i]!, size: res.size, created: new Date().toISOString(),
        });
        size += res.size;
      } catch (err) {
        await this.snapshots.discard(staging);
        throw err;
      }
    }
    return size;
  }

  /**
   * Write config and manifest blobs (layers must already be in the content store), unpack,
   * then publish record and tags under the lock. A lease keeps the new blobs from a concurrent GC.
   */
  async commitImage(config: ImageConfig, layers: Descriptor[], opts: CommitImageOptions = {}): Promise<ImageRecord> {
    const lease = await this.takeLease(layers.map((l) => l.digest), chainIds(config.rootfs.diff_ids));
    try {
      const configBytes = opts.configBytes ?? Buffer.from(JSON.stringify(config));
      const id = sha256(configBytes);
      await this.content.writeBlob(configBytes, id);
      const manifest: Manifest = {
        schemaVersion: 2, mediaType: MediaType.OciManifest,
        config: { mediaType: MediaType.OciConfig, digest: id, size: configBytes.length }, layers,
      };
      const manifestBytes = Buffer.from(JSON.stringify(manifest));
      const manifestDigest = sha256(manifestBytes);
      await this.content.writeBlob(manifestBytes, manifestDigest);
      await this.addLeaseBlobs(lease, [id, manifestDigest]);
      const size = await this.unpack(config, layers, opts.signal);
      return await this.meta.lock(async () => {
        const prev = await this.meta.images.get(id.slice(7));
        const now = new Date().toISOString();
        const rec: ImageRecord = prev ?? {
          id, manifest: manifestDigest, manifestMediaType: MediaType.OciManifest, parent: opts.parent ?? '',
          added: now, repoDigests: [], size,
        };
        for (const d of opts.repoDigests ?? []) if (!rec.repoDigests.includes(d)) rec.repoDigests.push(d);
        if (opts.tags?.length) rec.lastTagTime = now;
        await this.meta.images.put(id.slice(7), rec);
        if (opts.action) await this.events.append(imageEvent(opts.action, id, opts.tags?.[0]));
        for (const t of opts.tags ?? []) await this.setTag(t, id);
        return rec;
      });
    } finally {
      await this.meta.leases.delete(lease.id);
    }
  }

  /** Point a tag at an image (inside the lock); logs "tag" and untags the previous holder. */
  async setTag(reference: string, id: Digest): Promise<void> {
    const ref = parseReference(reference);
    const canonical = formatReference(ref);
    const tags = await this.meta.readTags();
    if (tags[canonical] === id) return;
    tags[canonical] = id;
    await this.meta.writeTags(tags);
    const rec = await this.meta.images.get(id.slice(7));
    if (rec) await this.meta.images.put(id.slice(7), { ...rec, lastTagTime: new Date().toISOString() });
    await this.events.append(imageEvent('tag', id, familiarString(ref)));
  }

  async takeLease(blobs: Digest[], snapshots: Digest[] = []): Promise<{ id: string }> {
    const id = `${process.pid}-${randomBytes(6).toString('hex')}`;
    await this.meta.leases.put(id, { id, pid: process.pid, created: new Date().toISOString(), blobs, snapshots });
    return { id };
  }

  async addLeaseBlobs(lease: { id: string }, blobs: Digest[]): Promise<void> {
    const rec = await this.meta.leases.get(lease.id);
    if (rec) await this.meta.leases.put(lease.id, { ...rec, blobs: [...rec.blobs, ...blobs] });
  }
}

/** Docker's image event shape: Actor.ID is the image ID, the name attribute the reference. */
export function imageEvent(action: string, id: string, name?: string) {
  return {
    Type: 'image' as const, Action: action, status: action, id: name ?? id,
    Actor: { ID: id, Attributes: { name: name ?? id } },
  };
}
