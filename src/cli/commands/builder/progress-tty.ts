/**
 * `--progress tty`: BuildKit's terminal display — a header with the elapsed time, one line per
 * step (`=> CACHED [2/5] COPY …` with its duration), the running step's last output lines under
 * it, redrawn in place. Meta ARG steps are not shown; a miss shows why it missed unless the
 * reason is only that the step before it ran.
 */
import type { BuildEvent, StepRef } from '../../../build/types.js';

interface StepLine {
  ref: StepRef;
  text: string;
  started: number;
  done?: number;
  cached?: boolean;
  reason?: string;
  failed?: boolean;
  tail: string[];
  partial: string;
}

const TAIL = 6;
const secs = (ms: number) => `${(ms / 1000).toFixed(1)}s`;

export class TtyProgress {
  private readonly steps: StepLine[] = [];
  private readonly extra: string[] = [];
  private readonly start = Date.now();
  private drawn = 0;
  private timer: NodeJS.Timeout | undefined;
  private finished = false;
  private multiStage = false;

  constructor(private readonly out: NodeJS.WritableStream & { columns?: number }) {
    this.timer = setInterval(() => this.draw(), 100);
    this.timer.unref?.();
  }

  private current(ref: StepRef): StepLine | undefined {
    return this.steps.find((s) => s.ref.step === ref.step);
  }

  on(e: BuildEvent): void {
    switch (e.type) {
      case 'step':
        if (e.ref.stage === '') return;
        if (this.steps.some((s) => s.ref.stage !== e.ref.stage)) this.multiStage = true;
        this.steps.push({ ref: e.ref, text: e.text, started: Date.now(), tail: [], partial: '' });
        break;
      case 'cached': { const s = this.current(e.ref); if (s) s.cached = true; break; }
      case 'miss': {
        const s = this.current(e.ref);
        if (s && !/^(parent step|base stage) changed$/.test(e.reason)) s.reason = e.reason;
        break;
      }
      case 'output': {
        const s = this.current(e.ref);
        if (!s) break;
        const lines = (s.partial + e.data).split(/\r?\n/);
        s.partial = lines.pop() ?? '';
        s.tail.push(...lines);
        if (s.tail.length > TAIL) s.tail.splice(0, s.tail.length - TAIL);
        break;
      }
      case 'step-done': { const s = this.current(e.ref); if (s) s.done = Date.now(); break; }
      case 'error': { const s = this.steps.find((x) => x.done === undefined); if (s) { s.failed = true; s.done = Date.now(); } break; }
      case 'tagged': this.extra.push(` => => naming to ${e.reference}`); break;
      case 'warning': this.extra.push(e.message); break;
      default: return;
    }
    this.draw();
  }

  private label(s: StepLine): string {
    const n = `${s.ref.stageStep}/${s.ref.stageSteps}`;
    return this.multiStage ? `[${s.ref.stage} ${n}]` : `[${n}]`;
  }

  private lines(): string[] {
    const width = Math.max(40, (this.out.columns ?? 80) - 1);
    const fit = (left: string, right: string) => {
      const room = width - right.length - 1;
      const l = left.length > room ? left.slice(0, Math.max(0, room - 3)) + '...' : left;
      return l + ' '.repeat(Math.max(1, width - l.length - right.length)) + right;
    };
    const doneCount = this.steps.filter((s) => s.done !== undefined).length;
    const state = this.finished ? (this.steps.some((s) => s.failed) ? ' ERROR' : ' FINISHED') : '';
    const out = [`[+] Building ${secs(Date.now() - this.start)} (${doneCount}/${this.steps.length})${state}`];
    for (const s of this.steps) {
      const prefix = s.failed ? ' => ERROR ' : s.cached ? ' => CACHED ' : ' => ';
      const why = s.reason && !s.cached ? `  (${s.reason})` : '';
      out.push(fit(`${prefix}${this.label(s)} ${s.text}${why}`, s.cached ? '0.0s' : secs((s.done ?? Date.now()) - s.started)));
      const showTail = s.failed || (s.done === undefined && !this.finished);
      if (showTail) for (const l of [...s.tail, ...(s.partial ? [s.partial] : [])].slice(-TAIL)) out.push(fit(` => => # ${l}`, ''));
    }
    return [...out, ...this.extra];
  }

  private draw(): void {
    const lines = this.lines();
    const up = this.drawn > 0 ? `\x1b[${this.drawn}A\r\x1b[J` : '';
    this.out.write(up + lines.map((l) => `${l}\n`).join(''));
    this.drawn = lines.length;
  }

  finish(): void {
    this.finished = true;
    if (this.timer) clearInterval(this.timer);
    this.draw();
  }
}
