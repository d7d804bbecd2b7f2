/**
 * One instruction of a stage: expanded with the stage's variables where docker expands, then
 * handed to its dispatcher. Errors without a path of their own are prefixed with the
 * instruction's file:line:col; docker's own texts (a failing RUN, "COPY failed: …") are kept.
 */
import { EngineError, isEngineError } from '../lib/errors.js';
import { expandInstruction, type Instruction } from './dockerfile/index.js';
import type { BuildCtx, StepRef } from './build-ctx.js';
import { applyConfig, commitConfig } from './dispatch-config.js';
import { dispatchCopy, dispatchWorkdir } from './dispatch-copy.js';
import { dispatchRun } from './run-step.js';
import type { StageState } from './stage-state.js';

/** An instruction the builder adds itself (--label): used as it is, never expanded. */
export type BuildInstruction = Instruction & { synthetic?: boolean };

async function run(ctx: BuildCtx, state: StageState, ref: StepRef, instr: BuildInstruction): Promise<void> {
  if (instr.kind === 'ARG') return commitConfig(ctx, state, ref, instr, applyConfig(ctx, state, instr));
  const e = instr.synthetic ? instr : expandInstruction(instr, state.vars, { escape: ctx.escape });
  switch (e.kind) {
    case 'FROM': throw new EngineError('INTERNAL', 'FROM is handled by the stage');
    case 'RUN': return dispatchRun(ctx, state, ref, e);
    case 'COPY':
    case 'ADD': return dispatchCopy(ctx, state, ref, e);
    case 'WORKDIR': return dispatchWorkdir(ctx, state, ref, e.path, e.source);
    default: return commitConfig(ctx, state, ref, e, applyConfig(ctx, state, e));
  }
}

/** Errors already located, or in docker's own words (a failing RUN, "COPY failed: …"). */
const keepsText = (err: EngineError) =>
  err.code === 'CANCELED' || typeof err.detail?.exitCode === 'number' || typeof err.detail?.file === 'string' || err.detail?.verbatim === true;

export async function dispatch(ctx: BuildCtx, state: StageState, ref: StepRef, instr: BuildInstruction): Promise<void> {
  try {
    await run(ctx, state, ref, instr);
  } catch (err) {
    if (!isEngineError(err) || keepsText(err)) throw err;
    const { line, column } = instr.location;
    throw new EngineError(err.code, `${ctx.file}:${line}:${column}: ${err.message}`, {
      cause: err, detail: { ...err.detail, file: ctx.file, line, column, reason: err.message },
    });
  }
}
