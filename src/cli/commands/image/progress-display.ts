/**
 * docker's rendering of a pull/push progress stream (moby pkg/jsonmessage DisplayJSONMessagesStream):
 * on a terminal each layer keeps one line, redrawn in place with cursor moves, with a bar when the
 * terminal is wider than 110 columns; into a pipe, lines that carry byte counts are dropped and
 * every other line is printed once ("<id>: <status>").
 */
import type { ProgressEvent } from '../../../types/registry.js';
import { humanSize } from '../../format/units.js';
import { EngineError } from '../../../lib/errors.js';

type Out = NodeJS.WritableStream & { isTTY?: boolean; columns?: number };

const ESC = '\x1b[';

/** jsonmessage JSONProgress.String(): "[====>    ]  1.049MB/3.2MB" (no time estimate: the daemon sends no start). */
export function progressString(current: number | undefined, total: number | undefined, width: number): string {
  const cur = current ?? 0;
  const tot = total ?? 0;
  if (cur <= 0 && tot <= 0) return '';
  if (tot <= 0) return humanSize(cur, 4).padStart(8);
  const pct = Math.min(50, Math.floor(Math.floor((cur / tot) * 100) / 2));
  const bar = width > 110 ? `[${'='.repeat(pct)}>${' '.repeat(Math.max(0, 50 - pct))}] ` : '';
  const numbers = cur > tot ? humanSize(cur, 4).padStart(8) : `${humanSize(cur, 4).padStart(8)}/${humanSize(tot, 4)}`;
  return bar + numbers;
}

export class ProgressDisplay {
  private readonly ids = new Map<string, number>();
  private readonly tty: boolean;
  /** Something was shown: later errors belong to the stream, as docker prints them (no daemon prefix). */
  started = false;

  constructor(private readonly out: Out | undefined) {
    this.tty = out?.isTTY === true;
  }

  event(e: ProgressEvent): void {
    this.started = true;
    const out = this.out;
    if (!out || e.aux) return;
    let diff = 0;
    if (e.id && e.layer) {
      let line = this.ids.get(e.id);
      if (line === undefined) {
        line = this.ids.size;
        this.ids.set(e.id, line);
        if (this.tty) out.write('\n');
      }
      diff = this.ids.size - line;
      if (this.tty) out.write(`${ESC}${diff}A`);
    } else {
      // a line that is not per-layer ends the block of redrawable lines (pull -a: next tag)
      this.ids.clear();
    }
    this.display(e);
    if (e.id && e.layer && this.tty) out.write(`${ESC}${diff}B`);
  }

  private display(e: ProgressEvent): void {
    const out = this.out!;
    const bar = e.layer ? progressString(e.current, e.total, this.out?.columns ?? 200) : '';
    let endl = '';
    if (this.tty && e.layer) {
      out.write(`${ESC}2K\r`);
      endl = '\r';
    } else if (e.layer && bar !== '') {
      return; // byte counts are for terminals only
    }
    const id = e.id ? `${e.id}: ` : '';
    out.write(this.tty && e.layer ? `${id}${e.status} ${bar}${endl}` : `${id}${e.status}${endl}\n`);
  }
}

/**
 * Errors after the stream started are printed as docker prints in-stream errors: the bare message,
 * without "Error response from daemon:" (that prefix is for errors before any output).
 */
export function streamError(err: unknown, display: ProgressDisplay): unknown {
  if (!display.started || !(err instanceof EngineError)) return err;
  return new EngineError(err.code, err.message, { cause: err, detail: { ...err.detail, raw: true } });
}
