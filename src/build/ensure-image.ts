/**
 * An image a build names (FROM, COPY --from): from the store, pulled when missing (or always
 * with --pull) when the engine lends a registry pull, else a NOT_FOUND that says berth could
 * not pull it. Pull progress is reported as note events, like the pull lines in docker's build
 * output.
 */
import { EngineError, isEngineError, notFound } from '../lib/errors.js';
import { resolveImage } from '../image/resolve.js';
import type { BuildCtx } from './build-ctx.js';

async function local(ctx: BuildCtx, ref: string): Promise<string | undefined> {
  try {
    return (await resolveImage(ctx.deps.images.meta, ref)).record.id;
  } catch (err) {
    if (isEngineError(err, 'NOT_FOUND')) return undefined;
    throw err;
  }
}

async function pull(ctx: BuildCtx, ref: string): Promise<string> {
  return ctx.hooks.pull!(ref, { signal: ctx.signal, onStatus: (line) => ctx.emit({ type: 'note', message: line }) });
}

/** The image ID for `ref`; `forcePull` is --pull (FROM only). */
export async function ensureImage(ctx: BuildCtx, ref: string, forcePull = false): Promise<string> {
  if (forcePull && ctx.hooks.pull) {
    try {
      return await pull(ctx, ref);
    } catch (err) {
      if (!isEngineError(err) || err.code === 'CANCELED' || ctx.signal.aborted) throw err;
      throw new EngineError(err.code, `--pull: pulling ${ref} failed: ${err.message}`, { cause: err });
    }
  }
  const id = await local(ctx, ref);
  if (id) {
    if (forcePull) ctx.emit({ type: 'warning', message: `[Warning] --pull: no registry client; using the local image ${ref}` });
    return id;
  }
  const shown = /[:@]/.test(ref.slice(ref.lastIndexOf('/') + 1)) ? ref : `${ref}:latest`;
  if (!ctx.hooks.pull) throw notFound(`No such image: ${shown} (berth could not pull it: load, import or build it first)`);
  try {
    return await pull(ctx, ref);
  } catch (err) {
    if (isEngineError(err, 'CANCELED') || ctx.signal.aborted) throw err;
    const why = err instanceof Error ? err.message : String(err);
    throw new EngineError(isEngineError(err) ? err.code : 'NOT_FOUND', `No such image: ${shown}, and pulling it failed: ${why}`, { cause: err });
  }
}
