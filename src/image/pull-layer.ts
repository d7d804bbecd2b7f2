/**
 * One layer of a pull: the blob streams from the registry into the content store's ingest and,
 * at the same time, into applyLayer, which unpacks it into a staging snapshot. Nothing becomes
 * visible before both checks pass: the blob's digest (writer.commit verifies, DATA_LOSS on a
 * mismatch) and the unpacked tar's diff ID against the image config. Layers are independent
 * overlay lower dirs, so several unpack at once while they download. The blob goes to a
 * digest-keyed partial (pull-partial.ts), so a later pull resumes what a killed one received.
 */
import { createHash } from 'node:crypto';
import { PassThrough, type Writable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { dataLoss, errnoCode, isEngineError } from '../lib/errors.js';
import type { Digest } from '../oci/digest.js';
import type { Descriptor } from '../oci/types.js';
import { type FetchOptions, fetchBlob } from '../registry/blob-fetch.js';
import type { Repository } from '../registry/repository.js';
import type { Writer } from '../store/content/types.js';
import type { Staging } from '../store/snapshot/snapshotter.js';
import type { ImageStore } from './image-store.js';
import { type ApplyResult, applyLayer } from './layer/index.js';
import { type PartialWriter, openPartial } from './pull-partial.js';

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

/**
 * A stream into applyLayer that reports the unpacker's failure to the writer instead of hanging.
 * gzip is inflated here with 1 MiB output chunks (node's default is 16 KiB): the unpacker's cost
 * is per chunk, and this halves its CPU time on big layers.
 * A corrupt stream (DATA_LOSS) does not stop the download: the blob's digest check then tells a
 * damaged transfer ("verification failed", docker's message) from a bad layer.
 */
class UnpackFeed {
  private readonly pass = new PassThrough({ highWaterMark: 2 << 20 });
  private sink?: Writable;
  readonly done: Promise<ApplyResult>;
  private failure: unknown;

  constructor(target: string, signal?: AbortSignal) {
    this.done = applyLayer(this.pass, target, { signal });
    this.done.catch((err: unknown) => {
      this.failure = err;
      // wake a writer waiting on a stream that will never drain
      this.pass.emit('drain');
      this.sink?.emit('drain');
    });
  }

  private open(head: Buffer): Writable {
    if (head[0] !== 0x1f || head[1] !== 0x8b) return this.pass;
    const gz = createGunzip({ chunkSize: 1 << 20 });
    gz.on('error', (err) => this.pass.destroy(dataLoss(`layer is corrupt: ${err.message}`, err)));
    gz.pipe(this.pass);
    return gz;
  }

  /** Throws the unpacker's failure, unless it is corruption the digest check should explain. */
  private check(): boolean {
    if (this.failure === undefined) return true;
    if (isEngineError(this.failure, 'DATA_LOSS')) return false;
    throw this.failure;
  }

  async write(piece: Buffer): Promise<void> {
    if (!this.check()) return;
    const sink = (this.sink ??= this.open(piece));
    if (!sink.write(piece)) await new Promise((res) => sink.once('drain', res));
    this.check();
  }

  end(): void {
    (this.sink ?? this.pass).end();
  }

  destroy(): void {
    this.sink?.destroy();
    this.pass.destroy();
    this.done.catch(() => undefined);
  }
}

const PIECE = 1 << 20;


export async function pullLayer(store: ImageStore, repo: Repository, t: LayerTarget, fetch: FetchOptions): Promise<void> {
  let writer: Writer | undefined;
  let partial: PartialWriter | undefined;
  let staging: Staging | undefined;
  let feed: UnpackFeed | undefined;
  const open = async () => {
    // a digest-keyed partial survives this process; held by another pull, an anonymous ingest
    partial = await openPartial(store, t.desc);
    writer = partial ?? (await store.content.writer());
    if (t.unpack) {
      staging = await store.snapshots.prepare();
      feed = new UnpackFeed(staging.fs, fetch.signal);
    }
  };
  /** `keep`: leave the partial's bytes for a later pull (network trouble, cancel), not bad data. */
  const close = async (keep: boolean) => {
    feed?.destroy();
    await feed?.done.catch(() => undefined);
    if (staging) await store.snapshots.discard(staging);
    if (partial && keep) await partial.release().catch(() => undefined);
    else await writer?.abort().catch(() => undefined);
    feed = undefined;
    staging = undefined;
    writer = undefined;
    partial = undefined;
  };
  /** The bytes an earlier process received: hashed and unpacked again, then the rest is asked for. */
  const replay = async (): Promise<FetchOptions['start']> => {
    if (!partial || partial.resumedFrom === 0) return undefined;
    const hash = createHash('sha256');
    for await (const c of partial.existing()) {
      hash.update(c as Buffer);
      if (feed) await feed.write(c as Buffer);
    }
    fetch.onProgress?.(partial.resumedFrom, t.desc.size);
    return { offset: partial.resumedFrom, hash };
  };
  // network chunks (≤ 64 KiB) go on in 1 MiB pieces: one ingest write and one unpacker step each
  let parts: Buffer[] = [];
  let held = 0;
  const take = (): Buffer | undefined => {
    if (held === 0) return undefined;
    const piece = parts.length === 1 ? parts[0]! : Buffer.concat(parts, held);
    parts = [];
    held = 0;
    return piece;
  };
  const flush = async () => {
    const piece = take();
    if (!piece) return;
    if (!feed) return writer!.write(piece);
    // both settle before a failure is reported, so no write still runs when the writer is aborted
    const [w, f] = await Promise.allSettled([writer!.write(piece), feed.write(piece)]);
    if (w.status === 'rejected') throw w.reason;
    if (f.status === 'rejected') throw f.reason;
  };
  await open();
  try {
    await fetchBlob(repo, t.desc, {
      write: async (chunk) => {
        parts.push(chunk);
        held += chunk.length;
        if (held >= PIECE) await flush();
      },
      reset: async () => { parts = []; held = 0; await close(false); await open(); },
    }, { ...fetch, start: await replay() });
    await flush();
    t.onDownloaded?.();
    let applied: ApplyResult | undefined;
    if (feed) {
      feed.end();
      applied = await feed.done;
    }
    await writer!.commit({ digest: t.desc.digest, size: t.desc.size });
    writer = undefined;
    partial = undefined;
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
    // bytes that failed verification are useless, and on a full disk the partial holds the space
    // the user needs back; anything else (network, cancel) may resume later
    const useless = isEngineError(err, 'DATA_LOSS') || isEngineError(err, 'RESOURCE_EXHAUSTED') || errnoCode(err) === 'ENOSPC';
    const rest = useless ? undefined : take();
    if (rest && writer) await writer.write(rest).catch(() => undefined);
    await close(!useless);
    throw err;
  }
}
