/**
 * A task's screen as lines (pure, so frame tests and the view agree): a transfer draws one bar per
 * layer; a build draws one line per step with its timing, the running step's output tail, and, with
 * the cache panel on, why each step was or was not served from the cache.
 */
import type { Token } from '../theme/theme.js';
import { fit, humanSize, shortId, wrapText } from '../panes/format.js';
import { DONE, progressBar, totals } from './transfer-progress.js';
import { cacheText, type BuildStepRow } from './build-progress.js';
import type { Task } from './task.js';

export interface TaskLine {
  text: string;
  token?: Token;
  dim?: boolean;
  bold?: boolean;
}

const STATE: Record<Task['state'], { word: string; token: Token }> = {
  running: { word: 'running', token: 'state.running' },
  waiting: { word: 'waiting', token: 'warning' },
  done: { word: 'done', token: 'success' },
  failed: { word: 'failed', token: 'error' },
};

/** "pull X — failed", then the message (the registry's error, the result) wrapped to the width. */
export function headerLines(t: Task, width: number): TaskLine[] {
  const s = STATE[t.state];
  const out: TaskLine[] = [{ text: `${t.title} — ${s.word}`, token: s.token, bold: true }];
  if (t.message) for (const l of wrapText(t.message, Math.max(10, width - 2))) out.push({ text: `  ${l}`, token: s.token });
  return out;
}

export function transferLines(t: Task, width: number): TaskLine[] {
  const out: TaskLine[] = headerLines(t, width);
  const p = t.progress;
  const pre = p.lines.filter((l) => !/^(Digest|Status):|: digest: /.test(l));
  const post = p.lines.filter((l) => /^(Digest|Status):|: digest: /.test(l));
  for (const l of pre) out.push({ text: l });
  // Wide: "id  status  [bar]  sizes" on one line; narrow (the 80-column main area): the bar and
  // sizes on a second line, so neither the status nor the numbers are cut.
  const wide = width >= 72;
  for (const l of p.layers) {
    const done = DONE.test(l.status);
    const token: Token | undefined = done ? 'success' : undefined;
    const sizes = l.total !== undefined ? `${humanSize(l.current ?? 0)}/${humanSize(l.total)}` : '';
    if (wide) {
      const bar = sizes ? `  ${progressBar(l.current ?? 0, l.total!, Math.min(50, width - 12 - 2 - 20 - 2 - 2 - 15))}  ${sizes}` : '';
      out.push({ text: `${l.id.padEnd(12)}  ${fit(l.status, 20).padEnd(20)}${bar}`, token });
    } else {
      out.push({ text: `${l.id.padEnd(12)}  ${fit(l.status, Math.max(8, width - 14))}`, token });
      if (sizes) out.push({ text: `  ${progressBar(l.current ?? 0, l.total!, Math.max(6, width - 4 - sizes.length))} ${sizes}`, token });
    }
  }
  const sum = totals(p);
  if (p.layers.length && sum.total) out.push({ text: `${p.layers.filter((l) => DONE.test(l.status)).length}/${p.layers.length} layers · ${humanSize(sum.current)} of ${humanSize(sum.total)}`, dim: true });
  for (const l of post) out.push({ text: l });
  return out;
}

const secs = (ms?: number) => (ms === undefined ? '' : `${(ms / 1000).toFixed(1)}s`);
const stepName = (s: BuildStepRow) => `#${s.step} [${s.stage} ${s.step}/${s.total}] ${s.text}`;

export function buildLines(t: Task, width: number, cachePanel: boolean): TaskLine[] {
  const out: TaskLine[] = headerLines(t, width);
  const b = t.build;
  for (const s of b.steps) {
    const right = s.state === 'failed' ? 'ERROR' : s.cached === true ? 'CACHED' : s.state === 'done' ? secs(s.durationMs) : '…';
    out.push({ text: `${fit(stepName(s), Math.max(10, width - 10)).padEnd(Math.max(10, width - 10))}${right.padStart(8)}`, token: s.state === 'failed' ? 'error' : s.cached ? 'text.dim' : undefined });
    if (s.state === 'running' || s.state === 'failed') for (const l of s.tail) out.push({ text: `  > ${l}`, dim: true });
  }
  for (const n of b.notes) out.push({ text: n, token: 'warning' });
  if (b.error) out.push({ text: `ERROR: ${b.error}`, token: 'error' });
  if (b.imageId) out.push({ text: `Successfully built ${shortId(b.imageId)}${b.tags.length ? `, tagged ${b.tags.join(', ')}` : ''}`, token: 'success' });
  if (!cachePanel) {
    out.push({ text: 'c: why each step was cached or rebuilt', dim: true });
    return out;
  }
  out.push({ text: '' }, { text: 'Cache — why each step was cached or rebuilt (c hides)', token: 'text.header', bold: true });
  const hits = b.steps.filter((s) => s.cached === true).length;
  const misses = b.steps.filter((s) => s.cached === false).length;
  out.push({ text: `${hits} cached · ${misses} rebuilt`, dim: true });
  for (const s of b.steps) {
    const token: Token | undefined = s.cached === false ? 'warning' : s.cached ? 'success' : undefined;
    // Wide: the reason beside the step; narrow: under it, so the reason (the point) is never cut.
    if (width >= 72) out.push({ text: `  Step ${s.step}/${s.total} ${fit(s.text, 32).padEnd(32)} ${cacheText(s)}`, token });
    else out.push({ text: `  Step ${s.step}/${s.total} ${s.text}` }, ...wrapText(cacheText(s), Math.max(10, width - 4)).map((l) => ({ text: `    ${l}`, token })));
  }
  return out;
}
