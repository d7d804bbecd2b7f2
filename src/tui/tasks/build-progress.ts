/**
 * A build's typed events (src/build/types.ts) folded into one row per step: the instruction, how
 * it went (cached, or run and why the cache missed), its timing and the tail of its output. The
 * cache panel is this same data with the reasons spelled out.
 */
import type { BuildEvent, StepRef } from '../../build/types.js';

export interface BuildStepRow {
  step: number;
  total: number;
  stage: string;
  text: string;
  state: 'running' | 'done' | 'failed';
  /** undefined until the cache answered; true = served from the cache. */
  cached?: boolean;
  /** Why the cache did not serve it (the first input that changed). */
  reason?: string;
  durationMs?: number;
  /** Last lines of a RUN's output. */
  tail: string[];
}

export interface BuildProgress {
  steps: BuildStepRow[];
  notes: string[];
  imageId?: string;
  tags: string[];
  error?: string;
}

export const emptyBuild = (): BuildProgress => ({ steps: [], notes: [], tags: [] });

const TAIL = 6;

function withStep(b: BuildProgress, ref: StepRef, fn: (s: BuildStepRow) => BuildStepRow): BuildProgress {
  return { ...b, steps: b.steps.map((s) => (s.step === ref.step ? fn(s) : s)) };
}

export function applyBuildEvent(b: BuildProgress, e: BuildEvent): BuildProgress {
  switch (e.type) {
    case 'step': {
      const row: BuildStepRow = { step: e.ref.step, total: e.ref.total, stage: e.ref.stage, text: e.text, state: 'running', tail: [] };
      return { ...b, steps: [...b.steps.filter((s) => s.step !== e.ref.step), row] };
    }
    case 'cached': return withStep(b, e.ref, (s) => ({ ...s, cached: true }));
    case 'miss': return withStep(b, e.ref, (s) => ({ ...s, cached: false, reason: e.reason }));
    case 'output': return withStep(b, e.ref, (s) => {
      const lines = [...s.tail, ...e.data.replace(/\r/g, '').split('\n')].filter((l, i, all) => l !== '' || i < all.length - 1);
      return { ...s, tail: lines.slice(-TAIL) };
    });
    // FROM has no cache answer (neither cached nor miss): it stays "base image", not a rebuild.
    case 'step-done': return withStep(b, e.ref, (s) => ({ ...s, state: 'done', cached: s.cached ?? (e.cached ? true : undefined), durationMs: e.durationMs }));
    case 'warning': return { ...b, notes: [...b.notes, `warning: ${e.message}`] };
    case 'note': return { ...b, notes: [...b.notes, e.message] };
    case 'built': return { ...b, imageId: e.imageId };
    case 'tagged': return { ...b, tags: [...b.tags, e.reference] };
    case 'error': return { ...b, error: e.message, steps: b.steps.map((s) => (s.state === 'running' ? { ...s, state: 'failed' } : s)) };
    default: return b;
  }
}

/** The cache explanation of one step: "CACHED", or "miss: <reason>", or "…" while it is not known. */
export function cacheText(s: BuildStepRow): string {
  if (s.cached === true) return 'CACHED';
  if (s.cached === false) return `miss: ${s.reason ?? 'not in the cache'}`;
  return s.text.startsWith('FROM') ? 'base image' : '…';
}
