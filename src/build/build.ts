/**
 * `build`: context and Dockerfile in, an image (and tags) out, with a typed event for everything
 * docker's legacy builder prints. Only the stages the target needs are built (BuildKit's rule;
 * invisible to the output except in step numbering). Nothing is tagged unless every step
 * succeeded; temp space is removed however the build ends; intermediate images stay as cache.
 */
import { EngineError, invalid, isEngineError, toEngineError } from '../lib/errors.js';
import { familiarString, formatReference, parseReference } from '../oci/reference.js';
import type { ContainerDeps } from '../container/runtime-deps.js';
import {
  parseDockerfile, reachableStages, resolveMetaArgs, stageDeps, unusedBuildArgs, type Dockerfile, type LabelInstruction,
} from './dockerfile/index.js';
import { BuildTemp, imageReader, type BuildCtx } from './build-ctx.js';
import { CacheStore } from './cache-store.js';
import { openContext } from './context-source.js';
import { EventQueue } from './event-queue.js';
import { TreeHasher } from './source-hash.js';
import { buildStage, type StepCounter } from './stage-build.js';
import { hostPlatform, platformString, type StageState } from './stage-state.js';
import { cleanupStale } from './stale.js';
import type { BuildInstruction } from './dispatch.js';
import type { BuildEvent, BuildHandle, BuildHooks, BuildOptions, BuildResult } from './types.js';

export function build(deps: ContainerDeps, opts: BuildOptions, hooks: BuildHooks = {}): BuildHandle {
  const queue = new EventQueue<BuildEvent>();
  const result = runBuild(deps, opts, hooks, (e) => queue.push(e)).then(
    (r) => { queue.close(); return r; },
    (err: unknown) => {
      const e = toEngineError(err);
      const exitCode = typeof e.detail?.exitCode === 'number' ? e.detail.exitCode : undefined;
      queue.push({ type: 'error', message: e.message, ...(exitCode !== undefined ? { exitCode } : {}) });
      queue.close();
      throw e;
    },
  );
  return { events: queue, result };
}

/** `--label k=v`: LABEL instructions on the target stage, sorted by key, never expanded. */
function labelInstructions(df: Dockerfile, target: number, labels: Record<string, string>): BuildInstruction[] {
  const last = df.stages[target]!;
  const at = last.instructions[last.instructions.length - 1]?.location ?? last.from.location;
  return Object.keys(labels).sort().map((key): LabelInstruction & { synthetic: true } => ({
    kind: 'LABEL', keyword: 'LABEL', location: at, source: `LABEL ${key}=${labels[key]}`,
    pairs: [{ key, value: labels[key]!, legacy: false }], synthetic: true,
  }));
}

async function runBuild(deps: ContainerDeps, opts: BuildOptions, hooks: BuildHooks, emit: (e: BuildEvent) => void): Promise<BuildResult> {
  const signal = opts.signal ?? new AbortController().signal;
  const tags = (opts.tags ?? []).map((t) => familiarString(parseReference(t)));
  const root = deps.store.meta.root;
  await cleanupStale(deps).catch(() => undefined);
  const temp = new BuildTemp(root);
  let context: BuildCtx['context'] | undefined;
  try {
    context = await openContext(root, opts, temp, signal);
    const df = parseDockerfile(context.dockerfileText, { file: context.dockerfileName });
    const buildArgs = opts.buildArgs ?? {};
    const meta = resolveMetaArgs(df, { buildArgs, ...(opts.target ? { target: opts.target } : {}) });
    const order = reachableStages(df, opts.target, { meta });
    const graph = stageDeps(df, { meta });
    const targetIndex = order[order.length - 1]!;
    const labels = labelInstructions(df, targetIndex, opts.labels ?? {});
    const extra = (i: number) => (i === targetIndex ? labels : []);
    const total = df.metaArgs.length + order.reduce((n, i) => n + 1 + df.stages[i]!.instructions.length + extra(i).length, 0);
    let step = 0;
    const counter: StepCounter = { next: (stage, stageStep, stageSteps) => ({ step: ++step, total, stage, stageStep, stageSteps }) };
    const ctx = makeCtx(deps, opts, hooks, signal, emit, temp, context, df);
    for (const a of df.metaArgs) {
      const ref = counter.next('', 1, 1);
      emit({ type: 'step', ref, text: a.source });
      emit({ type: 'step-done', ref, imageId: '', cached: true, durationMs: 0 });
    }
    let last: StageState | undefined;
    const consumed = new Set(meta.declared);
    for (const i of order) {
      last = await buildStage(ctx, df.stages[i]!, graph.nodes[i]!, meta, counter, extra(i));
      for (const k of last.vars.consumed) consumed.add(k);
    }
    const imageId = last?.imageId ?? '';
    if (!imageId) throw invalid('No image was generated. Is your Dockerfile empty?');
    const unused = unusedBuildArgs(buildArgs, consumed);
    if (unused.length) ctx.emit({ type: 'warning', message: `[Warning] One or more build-args [${unused.join(' ')}] were not consumed` });
    emit({ type: 'built', imageId });
    const current = tags.length ? await deps.images.meta.readTags() : {};
    for (const t of tags) {
      // a rebuild that changes nothing leaves the tag as it is: no lock (setTag would do nothing)
      if (current[formatReference(parseReference(t))] !== imageId) await deps.images.meta.lock(() => deps.images.setTag(t, imageId as never));
      emit({ type: 'tagged', reference: t });
    }
    return { imageId, tags, warnings: ctx.warnings };
  } catch (err) {
    if (signal.aborted && !isEngineError(err, 'CANCELED')) throw new EngineError('CANCELED', 'build canceled', { cause: err });
    throw err;
  } finally {
    // checksums learnt stay valid whatever happened to the build
    await context?.finish().catch(() => undefined);
    await temp.cleanup().catch(() => undefined);
  }
}

function makeCtx(
  deps: ContainerDeps, opts: BuildOptions, hooks: BuildHooks, signal: AbortSignal, emit: (e: BuildEvent) => void, temp: BuildTemp,
  context: BuildCtx['context'], df: Dockerfile,
): BuildCtx {
  const reader = imageReader(deps);
  const hashers = new Map<string, Promise<TreeHasher>>();
  const hasher = (key: string, make: () => Promise<TreeHasher>) => {
    let h = hashers.get(key);
    if (!h) { h = make(); hashers.set(key, h); }
    return h;
  };
  const ctx: BuildCtx = {
    deps, opts, hooks, signal, temp, context, df, escape: df.escape, file: context.dockerfileName,
    platform: platformString(hostPlatform()), created: new Set(), stageImages: new Map(), warnings: [],
    cache: new CacheStore(deps.store.meta),
    emit: (e) => { if (e.type === 'warning' && !ctx.warnings.includes(e.message)) ctx.warnings.push(e.message); emit(e); },
    ...reader,
    contextHasher: () => hasher('', async () => new TreeHasher(await context.tree(), { zeroOwner: true, statCache: context.statCache })),
    imageHasher: (id) => hasher(id, async () => new TreeHasher(await reader.tree(id), { zeroOwner: false })),
  };
  return ctx;
}
