/**
 * One stage: FROM (an earlier stage, an image in the store, or scratch; the base's ONBUILD
 * triggers run as part of this step), then each instruction as a numbered step. Emits
 * `step`/`step-done` around every step, as the legacy builder prints Step N/M and ` ---> <id>`.
 */
import { EngineError, isEngineError } from '../lib/errors.js';
import { parseTrigger, type MetaArgs, type Stage, type StageNode } from './dockerfile/index.js';
import { ensureImage } from './ensure-image.js';
import type { ImageConfig } from '../oci/types.js';
import type { BuildCtx, StepRef } from './build-ctx.js';
import { dispatch, type BuildInstruction } from './dispatch.js';
import { StageState, hostPlatform } from './stage-state.js';

export interface StepCounter {
  next(stage: string, stageStep: number, stageSteps: number): StepRef;
}

async function baseImage(ctx: BuildCtx, stage: Stage, node: StageNode): Promise<{ id: string; config?: ImageConfig }> {
  if (node.base.kind === 'scratch') return { id: '' };
  if (node.base.kind === 'stage') {
    const id = ctx.stageImages.get(node.base.index)!;
    return { id, config: (await ctx.image(id)).config };
  }
  const { line, column } = stage.from.location;
  let id: string;
  try {
    id = await ensureImage(ctx, node.image, ctx.opts.pull === true);
  } catch (err) {
    if (!isEngineError(err) || err.code === 'CANCELED') throw err;
    throw new EngineError(err.code, `${ctx.file}:${line}:${column}: FROM ${node.image}: ${err.message}`, { cause: err });
  }
  return { id, config: (await ctx.image(id)).config };
}

export async function buildStage(
  ctx: BuildCtx, stage: Stage, node: StageNode, meta: MetaArgs, counter: StepCounter, extra: BuildInstruction[],
): Promise<StageState> {
  const instrs: BuildInstruction[] = [...stage.instructions, ...extra];
  const total = instrs.length + 1;
  const fromRef = counter.next(node.displayName, 1, total);
  ctx.emit({ type: 'step', ref: fromRef, text: stage.from.source });
  const t0 = Date.now();
  const base = await baseImage(ctx, stage, node);
  const state = new StageState(stage.index, node.displayName, base, meta, ctx.opts.buildArgs ?? {}, ctx.escape, hostPlatform());
  const triggers = state.config.OnBuild ?? [];
  if (triggers.length) {
    state.config.OnBuild = null;
    ctx.emit({ type: 'triggers', ref: fromRef, count: triggers.length });
    const at = { file: ctx.file, line: stage.from.location.line, column: stage.from.location.column };
    for (const t of triggers) await dispatch(ctx, state, fromRef, parseTrigger(t, at));
  }
  ctx.emit({ type: 'step-done', ref: fromRef, imageId: state.imageId, cached: false, durationMs: Date.now() - t0 });
  for (let i = 0; i < instrs.length; i++) {
    if (ctx.signal.aborted) throw new EngineError('CANCELED', 'build canceled');
    const ref = counter.next(node.displayName, i + 2, total);
    const instr = instrs[i]!;
    ctx.emit({ type: 'step', ref, text: instr.source });
    const started = Date.now();
    const before = ctx.created.size;
    await dispatch(ctx, state, ref, instr);
    ctx.emit({ type: 'step-done', ref, imageId: state.imageId, cached: ctx.created.size === before, durationMs: Date.now() - started });
  }
  ctx.stageImages.set(stage.index, state.imageId);
  return state;
}
