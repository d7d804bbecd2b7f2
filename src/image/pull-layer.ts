/**
 * One layer of a pull: the blob streams from the registry into the content store's ingest and,
 * at the same time, into applyLayer, which unpacks it into a staging snapshot. Nothing becomes
 * visible before both checks pass: the blob's digest (writer.commit verifies, DATA_LOSS on a
 * mismatch) and the unpacked tar's diff ID against the image config. Layers are independent
 * overlay lower dirs, so several unpack at once while they download.
 */
import { PassThrough } from 'node:stream';
import { dataLoss } from '../lib/errors.js';
import type { Digest } from '../oci/digest.js';
import type { Descriptor } from '../oci/types.js';
import { type FetchOptions, fetchBlob } from '../registry/blob-fetch.js';
import type { Repository } from '../registry/repository.js';
import type { Writer } from '../store/content/types.js';
import type { Staging } from '../store/snapshot/snapshotter.js';
import type { ImageStore } from './image-store.js';
import { type ApplyResult, applyLayer } from './layer/index.js';

export interface LayerTarget {
  desc: Descriptor;
  diffId: Digest;
  chainId: Digest;
  parent: Digest | '';
  /** Unpack while downloading (false when the snapshot exists already). */
  unpack: boolean;
  /** The blob is in and verified (unpacking may still be finishing). */
  onDownloaded?: () => void;
}

/** A stream into applyLayer that reports the unpacker's failure to the writer instead of hanging. */
class UnpackFeed {
  private readonly pass = new PassThrough({ highWaterMark: 1 << 20 });
  readonly done: Promise<ApplyResult>;
  private failure: unknown;

  constructor(target: string, signal?: AbortSignal) {
    this.done = applyLayer(this.pass, target, { signal });
    this.done.catch((err: unknown) => {
      this.failure = err;
      this.pass.emit('drain'); // wake a writer waiting on a stream that will never drain
    });
  }

  async write(chunk: Buffer): Promise<void> {
    if (this.failure) throw this.failure;
    if (!this.pass.write(chunk)) await new Promise((res) => this.pass.once('drain', res));
    if (this.failure) throw this.failure;
  }

  end(): void { this.pass.end(); }
  destroy(): void { this.pass.destroy(); this.done.catch(() => undefined); }
}

export async function pullLayer(store: ImageStore, repo: Repository, t: LayerTarget, fetch: FetchOptions): Promise<void> {
  let writer: Writer | undefined;
  let staging: Staging | undefined;
  let feed: UnpackFeed | undefined;
  const open = async () => {
    writer = await store.content.writer();
    if (t.unpack) {
      staging = await store.snapshots.prepare();
      feed = new UnpackFeed(staging.fs, fetch.signal);
    }
  };
  const close = async () => {
    feed?.destroy();
    await feed?.done.catch(() => undefined);
    if (staging) await store.snapshots.discard(staging);
    await writer?.abort().catch(() => undefined);
    feed = undefined;
    staging = undefined;
    writer = undefined;
  };
  await open();
  try {
    await fetchBlob(repo, t.desc, {
      write: async (chunk) => {
        await writer!.write(chunk);
        await feed?.write(chunk);
      },
      reset: async () => { await close(); await open(); },
    }, fetch);
    t.onDownloaded?.();
    let applied: ApplyResult | undefined;
    if (feed) {
      feed.end();
      applied = await feed.done;
    }
    await writer!.commit({ digest: t.desc.digest, size: t.desc.size });
    writer = undefined;
    if (applied && staging) {
      if (applied.diffId !== t.diffId) {
        throw dataLoss(`layers from manifest don't match image configuration: layer ${t.desc.digest} has diff ID ${applied.diffId}, the config says ${t.diffId}`);
      }
      await store.snapshots.commit(staging, {
        chainId: t.chainId, parent: t.parent, diffId: t.diffId, size: applied.size, created: new Date().toISOString(),
      });
      staging = undefined;
    }
  } catch (err) {
    await close();
    throw err;
  }
}
