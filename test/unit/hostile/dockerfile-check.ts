/**
 * One fuzz case through the builder's pure front end, in the order build.ts uses it: parse,
 * global args, target stages and graph, then per stage ARG/ENV scoping, expansion of every
 * instruction (as dispatch does, locating unlocated engine errors) and ONBUILD triggers.
 * Verdict: it succeeded, or it failed with a one-line located INVALID_ARGUMENT; anything else
 * (a TypeError, a RangeError, an unlocated or multi-line message) is a finding.
 */
import {
  expandInstruction, parseDockerfile, parseTrigger, reachableStages, resolveMetaArgs, stageDeps, StageVars,
} from '../../../src/build/dockerfile/index.js';
import { EngineError, isEngineError } from '../../../src/lib/errors.js';
import { mutateCase } from './dockerfile-mutate.js';

export interface Verdict {
  ok: boolean;
  /** 'parsed' | 'rejected' | the problem */
  outcome: string;
  message?: string;
}

/** dispatch.ts's rule: an engine error without a location gets the instruction's. */
function located<T>(file: string, loc: { line: number; column: number }, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (!isEngineError(err) || typeof err.detail?.file === 'string') throw err;
    throw new EngineError(err.code, `${file}:${loc.line}:${loc.column}: ${err.message}`, { cause: err, detail: { ...err.detail, file } });
  }
}

export function frontEnd(text: string): void {
  const df = parseDockerfile(text);
  const meta = resolveMetaArgs(df, { buildArgs: { A: 'x', BASE: 'alpine' } });
  reachableStages(df, undefined, { meta });
  const graph = stageDeps(df, { meta });
  for (const node of graph.nodes) {
    const vars = new StageVars({ meta, escape: df.escape, env: ['PATH=/bin'] });
    for (const instr of df.stages[node.index]!.instructions) {
      located(df.file, instr.location, () => {
        if (instr.kind === 'ARG') return vars.declare(instr);
        const e = expandInstruction(instr, vars, { escape: df.escape });
        if (e.kind === 'ENV') for (const p of e.pairs) vars.setEnv(p.key, p.value);
        if (e.kind === 'ONBUILD') parseTrigger(e.expression, { file: df.file, line: e.location.line, column: e.location.column });
        return undefined;
      });
    }
  }
}

const LOCATED = /^Dockerfile(:\d+:\d+)?: /;

export function verdict(text: string): Verdict {
  try {
    frontEnd(text);
    return { ok: true, outcome: 'parsed' };
  } catch (err) {
    if (!isEngineError(err)) return { ok: false, outcome: `threw ${(err as Error)?.name ?? typeof err}`, message: String((err as Error)?.stack ?? err).slice(0, 2000) };
    const m = err.message;
    if (err.code !== 'INVALID_ARGUMENT') return { ok: false, outcome: `code ${err.code}`, message: m.slice(0, 500) };
    if (!LOCATED.test(m)) return { ok: false, outcome: 'unlocated message', message: m.slice(0, 500) };
    if (/[\n\r]/.test(m)) return { ok: false, outcome: 'multi-line message', message: JSON.stringify(m.slice(0, 500)) };
    return { ok: true, outcome: 'rejected', message: m };
  }
}

/** Run cases [from, to) of a seed, calling `progress` before each (the watchdog's heartbeat). */
export function runCases(seed: number, from: number, to: number, progress: (i: number) => void, slowMs: number): Array<{ i: number; ms: number } & Verdict> {
  const bad: Array<{ i: number; ms: number } & Verdict> = [];
  for (let i = from; i < to; i++) {
    progress(i);
    const text = mutateCase(seed, i);
    const t0 = performance.now();
    const v = verdict(text);
    const ms = performance.now() - t0;
    if (!v.ok) bad.push({ i, ms, ...v });
    else if (ms > slowMs) bad.push({ i, ms, ok: false, outcome: `slow (${Math.round(ms)} ms)`, message: v.message?.slice(0, 200) });
  }
  return bad;
}
