/**
 * applyLayer: stream a layer tar (plain or gzip) into a fresh per-layer directory in overlayfs
 * form, hashing the raw blob and the uncompressed tar on the way (no temp copy).
 *
 *   input → raw hash → [gunzip] → tar hash (size limit) → tar-stream → applyEntry, one at a time
 *
 * Failures are typed: corrupt compression or tar framing is DATA_LOSS, hostile entries are
 * INVALID_ARGUMENT, limits RESOURCE_EXHAUSTED, abort CANCELED. Nothing outside `target` is
 * touched on any path; on error the caller discards `target`.
 */
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { join } from 'node:path';
import { EngineError, dataLoss, errnoCode, noSpace, toEngineError } from '../../lib/errors.js';
import { applyEntry, planEntry, type EntryContext, type EntryPlan } from './apply-entry.js';
import { finalizeLayer } from './finalize.js';
import { HashStream } from './hash-stream.js';
import { LayerFs } from './layer-fs.js';
import { LayerState } from './layer-state.js';
import { peek } from './peek.js';
import { createTarReader } from './tar-reader.js';
import { DEFAULT_MAX_BYTES, DEFAULT_MAX_ENTRIES, type ApplyOptions, type ApplyResult } from './types.js';

type Origin = 'input' | 'decompress' | 'tar';

const isGzip = (h: Buffer) => h.length >= 2 && h[0] === 0x1f && h[1] === 0x8b;
const isZstd = (h: Buffer) => h.length >= 4 && h.readUInt32LE(0) === 0xfd2fb528;

export async function applyLayer(input: Readable, target: string, opts: ApplyOptions = {}): Promise<ApplyResult> {
  const { signal } = opts;
  // Which stream failed first decides the error class; a pipeline re-emits one error everywhere.
  const origin = new WeakMap<object, Origin>();
  const tag = (s: NodeJS.EventEmitter, o: Origin) =>
    s.on('error', (e: unknown) => { if (typeof e === 'object' && e !== null && !origin.has(e)) origin.set(e, o); });
  tag(input, 'input');
  let last: Promise<void> = Promise.resolve();
  let failure: EngineError | undefined;
  const onAbort = () => input.destroy(signal?.reason instanceof Error ? signal.reason : undefined);
  try {
    signal?.throwIfAborted();
    signal?.addEventListener('abort', onAbort, { once: true });
    const { head, stream } = await peek(input, 4);
    signal?.removeEventListener('abort', onAbort);
    if (isZstd(head)) throw new EngineError('NOT_IMPLEMENTED', 'zstd-compressed layers are not supported');

    const root = process.getuid?.() === 0;
    const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
    const raw = new HashStream();
    const tar = new HashStream({
      limit: maxBytes,
      onLimit: () =>
        new EngineError('RESOURCE_EXHAUSTED', `layer is larger than the limit of ${maxBytes} bytes uncompressed`),
    });
    const state = new LayerState();
    const ctx: EntryContext = {
      fs: new LayerFs(target, (rel) => state.remove(rel)),
      state,
      sameOwner: opts.sameOwner ?? root,
      allowDevices: opts.allowDevices ?? root,
      maxEntries: opts.maxEntries ?? DEFAULT_MAX_ENTRIES,
      maxBytes,
    };
    const reader = createTarReader((entry, body, next) => {
      const fail = (err: unknown) => {
        failure ??= errnoCode(err) === 'ENOSPC' ? noSpace(err, join(target, entry.name)) : toEngineError(err);
        next(failure);
      };
      let plan: EntryPlan;
      try {
        plan = planEntry(ctx, entry); // synchronous: a refusal stops the stream right here
      } catch (err) {
        return fail(err);
      }
      // tar-stream hands out one entry at a time; `last` lets us wait for the final one, which
      // can still be running when the stream itself has finished.
      last = applyEntry(ctx, entry, plan, body).then(() => next(), fail);
    });
    tag(reader, 'tar');
    const gunzip = isGzip(head) ? [createGunzip()] : [];
    for (const g of gunzip) tag(g, 'decompress');
    await pipeline([stream, raw, ...gunzip, tar, reader], { signal });
    await last;
    if (failure) throw failure;
    signal?.throwIfAborted();
    finalizeLayer(ctx.fs, state);
    return {
      diffId: tar.digest(), digest: raw.digest(), compressedSize: raw.size, size: state.size, entries: state.entries,
    };
  } catch (err) {
    signal?.removeEventListener('abort', onAbort);
    await last; // never leave an entry writing into a directory the caller is about to discard
    // an entry's own classified failure (a full disk) tears the pipeline down: report it, not the
    // "Premature close" echo; an unclassified one is itself an echo of a broken tar stream
    throw classify(failure && failure.code !== 'INTERNAL' ? failure : err, origin, signal);
  }
}

function classify(err: unknown, origin: WeakMap<object, Origin>, signal?: AbortSignal): EngineError {
  if (signal?.aborted) return new EngineError('CANCELED', 'layer extraction canceled', { cause: err });
  if (err instanceof EngineError) return err;
  const from = typeof err === 'object' && err !== null ? origin.get(err) : undefined;
  if (from === 'decompress' || from === 'tar') return dataLoss(`layer is corrupt: ${summary(err)}`, err);
  if (from === 'input') return toEngineError(err, 'UNAVAILABLE');
  return toEngineError(err);
}

/** One short line: "Invalid tar header. Maybe …" → "invalid tar header". */
function summary(err: unknown): string {
  const text = (err instanceof Error ? err.message : String(err)).split(/\n|\. /)[0]!.replace(/\.$/, '');
  return text.charAt(0).toLowerCase() + text.slice(1);
}
