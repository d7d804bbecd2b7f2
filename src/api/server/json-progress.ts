/**
 * docker's JSON message stream (moby pkg/jsonmessage + streamformatter): one object per line,
 * `\r\n`-terminated as dockerd writes them. Headers go out with the first message, as dockerd's
 * WriteFlusher does: an error before anything was written is still a plain HTTP error status
 * (`docker pull nosuch` prints "Error response from daemon: …"), an error after it goes in-band
 * as {"errorDetail":{"message"},"error"}.
 */
import type { ServerResponse } from 'node:http';
import type { ProgressEvent } from '../../types/registry.js';
import { commonHeaders, sendError } from './http-util.js';

export interface JsonMessage {
  status?: string;
  id?: string;
  progressDetail?: { current?: number; total?: number };
  progress?: string;
  stream?: string;
  aux?: unknown;
  errorDetail?: { code?: number; message: string };
  error?: string;
}

const UNITS = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'];

/** go-units HumanSize: decimal units, 4 significant digits ("1.234MB", "527B"). */
export function goHumanSize(n: number): string {
  let i = 0;
  let v = n;
  while (v >= 1000 && i < UNITS.length - 1) { v /= 1000; i++; }
  return `${Number(v.toPrecision(4))}${UNITS[i]}`;
}

/** JSONProgress.String() at dockerd's width (no terminal: the bar is always drawn). */
export function progressBar(current: number, total: number): string {
  if (current <= 0 && total <= 0) return '';
  if (total <= 0) return goHumanSize(current).padStart(8);
  const pct = Math.min(50, Math.floor(Math.floor((current / total) * 100) / 2));
  const bar = `[${'='.repeat(pct)}>${' '.repeat(Math.max(0, 50 - pct))}] `;
  const numbers = current > total ? goHumanSize(current).padStart(8) : `${goHumanSize(current).padStart(8)}/${goHumanSize(total)}`;
  return bar + numbers;
}

/**
 * A pull/push progress event as dockerd sends it: per-layer lines carry a progressDetail (`{}`
 * without numbers, so a terminal redraws them in place), image-level lines do not.
 */
export function progressMessage(e: ProgressEvent): JsonMessage {
  if (e.aux) return { progressDetail: {}, aux: e.aux };
  const m: JsonMessage = { status: e.status };
  if (e.layer || e.current !== undefined) {
    m.progressDetail = e.current !== undefined ? { current: e.current, ...(e.total !== undefined ? { total: e.total } : {}) } : {};
    if (e.current !== undefined) m.progress = progressBar(e.current, e.total ?? 0);
  }
  if (e.id) m.id = e.id;
  return m;
}

/** The in-band error message; `code` is the exit code the CLI uses for a failed build. */
export function errorMessage(message: string, code?: number): JsonMessage {
  return { errorDetail: code ? { code, message } : { message }, error: message };
}

export class JsonStream {
  private started = false;
  /** Aborted when the client goes away, so the engine stops pulling, pushing or building. */
  readonly abort = new AbortController();

  constructor(private readonly res: ServerResponse) {
    res.on('close', () => { if (!res.writableFinished) this.abort.abort(); });
  }

  get signal(): AbortSignal { return this.abort.signal; }

  write(m: JsonMessage): void {
    if (this.res.destroyed) return;
    if (!this.started) {
      this.res.writeHead(200, { ...commonHeaders(), 'Content-Type': 'application/json' });
      this.started = true;
    }
    this.res.write(JSON.stringify(m) + '\r\n');
  }

  progress(e: ProgressEvent): void { this.write(progressMessage(e)); }

  /** `{"stream": text}`, the build's and load's human text. */
  text(s: string): void { if (s) this.write({ stream: s }); }

  /** Before the first message: an HTTP error status; after it: docker's in-band error. */
  fail(err: unknown, code?: number): void {
    if (!this.started) { sendError(this.res, err); return; }
    this.write(errorMessage(err instanceof Error ? err.message : String(err), code));
    this.end();
  }

  end(): void {
    if (this.res.destroyed || this.res.writableEnded) return;
    if (!this.started) {
      this.res.writeHead(200, { ...commonHeaders(), 'Content-Type': 'application/json' });
      this.started = true;
    }
    this.res.end();
  }
}
