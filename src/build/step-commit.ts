/**
 * Every step ends here (moby's probeCache + commitContainer/exportImage): probe the cache with
 * the step's (parent, probe config) key; on a hit the step's image is the cached one; on a miss
 * the step runs, its layer (if any) is stored, and a child image is committed whose history
 * entry's created_by is the probe's Cmd joined by spaces, `empty_layer` when nothing changed.
 */
import type { Readable } from 'node:stream';
import { MediaType, type ContainerConfig, type Descriptor, type HistoryEntry, type ImageConfig } from '../oci/types.js';
import type { Digest } from '../oci/digest.js';
import type { BuildCtx, ImageInfo, StepRef } from './build-ctx.js';
import { probeKey } from './cache-key.js';
import type { FileSums } from './cache-store.js';
import { explainMiss } from './explain.js';
import { storeLayer, type StoredLayer } from '../image/store-layer.js';
import type { StageState } from './stage-state.js';

export interface StepInputs {
  kind: string;
  /** The instruction as written (what a miss explanation compares). */
  source: string;
  args?: string[];
  files?: Map<string, string>;
  /** More cache-key inputs that the probe config does not show (RUN --mount options). */
  keyExtra?: string[];
}

/** What running a step produced: an optional layer tar and the container it ran in. */
export interface StepOutput {
  tar?: Readable;
  containerId?: string;
  /** Runs once the step is committed or has failed (removes the intermediate container). */
  done?: () => Promise<void>;
}

/** Probe; on a miss call `run` and commit what it produced. Returns whether the cache served it. */
export async function cachedStep(
  ctx: BuildCtx, state: StageState, ref: StepRef, probe: ContainerConfig, inputs: StepInputs,
  run: () => Promise<StepOutput>,
): Promise<boolean> {
  const parent = state.imageId;
  const key = probeKey(parent, probe, ctx.platform, inputs.keyExtra);
  let reason: string;
  if (ctx.opts.noCache) reason = 'cache disabled (--no-cache)';
  else if (ctx.created.has(parent)) reason = parent === state.baseId ? `base stage changed` : 'parent step changed';
  else {
    const { hit, gone } = await ctx.cache.lookup(key);
    if (hit) {
      ctx.emit({ type: 'cached', ref });
      state.imageId = hit;
      return true;
    }
    reason = gone ? 'cached image was removed' : await explainMiss(ctx.cache, { parent, ...inputs });
  }
  ctx.emit({ type: 'miss', ref, reason });
  const out = await run();
  let created: string;
  try {
    created = await commitStep(ctx, state, probe, out);
  } finally {
    await out.done?.();
  }
  const files: FileSums | undefined = inputs.files ? [...inputs.files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)) : undefined;
  await ctx.cache.add({
    key, parent, created: new Date().toISOString(), kind: inputs.kind, source: inputs.source,
    ...(inputs.args?.length ? { args: inputs.args } : {}), description: (probe.Cmd ?? []).join(' '),
  }, created, files);
  return false;
}

async function commitStep(ctx: BuildCtx, state: StageState, probe: ContainerConfig, out: StepOutput): Promise<string> {
  const parent: ImageInfo | undefined = state.imageId ? await ctx.image(state.imageId) : undefined;
  const parentDiffIds = [...(parent?.config.rootfs.diff_ids ?? [])];
  const publish = async (layer: StoredLayer | undefined) => {
    const now = new Date().toISOString();
    const history: HistoryEntry = {
      created: now, created_by: (probe.Cmd ?? []).join(' '),
      ...(state.maintainer ? { author: state.maintainer } : {}), ...(layer ? {} : { empty_layer: true }),
    };
    const p = state.platform;
    const image: ImageConfig = {
      architecture: parent?.config.architecture ?? p.architecture, os: parent?.config.os ?? p.os,
      ...((parent?.config.variant ?? p.variant) ? { variant: parent?.config.variant ?? p.variant } : {}),
      ...(state.maintainer ? { author: state.maintainer } : {}),
      created: now, config: structuredClone(state.config), ...(out.containerId ? { container: out.containerId } : {}),
      container_config: structuredClone(probe),
      rootfs: { type: 'layers', diff_ids: layer ? [...parentDiffIds, layer.diffId] : parentDiffIds },
      history: [...(parent?.config.history ?? []), history],
    };
    const layers: Descriptor[] = [...(parent?.manifest.layers ?? [])];
    if (layer) layers.push({ mediaType: MediaType.OciLayer, digest: layer.diffId, size: layer.size });
    const rec = await ctx.deps.images.commitImage(image, layers, { parent: state.imageId, signal: ctx.signal });
    const manifest = await ctx.deps.images.readManifest(rec);
    ctx.remember({ id: rec.id, config: image, manifest });
    return rec.id;
  };
  const id = out.tar
    ? await storeLayer(ctx.deps.images, out.tar, parentDiffIds as Digest[], publish, ctx.signal)
    : await publish(undefined);
  ctx.created.add(id);
  state.imageId = id;
  return id;
}

