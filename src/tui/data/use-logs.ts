/**
 * Follows one container's logs into a bounded ring buffer: memory stays flat however long the
 * container prints, and lines are flushed to React in batches (one render per interval, not per
 * line). The stream is opened in an effect with its own AbortController and aborted when the
 * selection changes; a container that starts again is followed again.
 *
 * Cost (bench/groups/tui.mjs): every render is a full Ink frame, so when the selection moves on
 * quickly (j held down over 1,000 rows) a stream opens only once it rests for `settleMs`: one
 * frame per key and no engine work in between; and a flood of lines redraws ~10 times a second.
 */
import { useEffect, useRef, useState } from 'react';
import type { Engine } from '../../engine/engine.js';

export interface LogEntry {
  stream: 'stdout' | 'stderr';
  time: string;
  text: string;
  /** Monotonic, so React keys and "new since" survive the ring dropping old lines. */
  seq: number;
}

export interface LogsState {
  lines: LogEntry[];
  ended: boolean;
  error?: string;
}

export interface LogsOptions {
  /** Lines from the end to start with; 'all' replays the whole log (default 500). */
  tail?: number | 'all';
  /** Only lines from the last this many seconds (re-read when the stream is reopened). */
  sinceSeconds?: number;
  max?: number;
  /** Longest wait between a line's arrival and its render (default 100 ms). */
  flushMs?: number;
  /** An `id` that replaces another within this many ms opens only after as much quiet (default 120). */
  settleMs?: number;
}

export const DEFAULT_RING = 5000;

/** A fixed-capacity FIFO: push is O(1); toArray copies in order. */
export class Ring<T> {
  private buf: T[] = [];
  private head = 0;
  constructor(readonly capacity: number) {}
  push(v: T): void {
    if (this.buf.length < this.capacity) this.buf.push(v);
    else {
      this.buf[this.head] = v;
      this.head = (this.head + 1) % this.capacity;
    }
  }
  get size(): number { return this.buf.length; }
  /** A copy in order, oldest first (one allocation: this runs on every flush). */
  toArray(): T[] {
    const n = this.buf.length;
    const out = new Array<T>(n);
    for (let i = 0; i < n; i++) out[i] = this.buf[(this.head + i) % n]!;
    return out;
  }
  clear(): void { this.buf = []; this.head = 0; }
}

const EMPTY: LogsState = { lines: [], ended: false };
const NONE: LogsState = { lines: [], ended: true };

export function useLogs(engine: Engine, id: string | undefined, running: boolean, opts: LogsOptions = {}): LogsState {
  // State is tagged with the stream it belongs to and reads as empty for any other: a new
  // selection draws "waiting" in the frame that moves the pointer, not in a second frame.
  const key = id ? [id, running, opts.tail, opts.sinceSeconds, opts.max].join('\0') : '';
  const [state, setState] = useState<LogsState & { key: string }>({ key: '', ...NONE });
  const moved = useRef({ id, at: 0 });
  useEffect(() => {
    if (!id) return;
    const ac = new AbortController();
    const ring = new Ring<LogEntry>(opts.max ?? DEFAULT_RING);
    let seq = 0;
    let dirty = false;
    let timer: NodeJS.Timeout | undefined;
    const flush = () => {
      timer = undefined;
      if (!dirty) return;
      dirty = false;
      const lines = ring.toArray();
      setState((s) => (s.key === key ? { ...s, lines } : { key, lines, ended: false }));
    };
    // The first line after a quiet spell schedules one flush; the lines after it ride along.
    const later = () => { if (!timer) timer = setTimeout(flush, opts.flushMs ?? 100); };
    const follow = async () => {
      try {
        const tail = opts.tail === 'all' ? undefined : opts.tail ?? 500;
        const since = opts.sinceSeconds === undefined ? undefined : Date.now() / 1000 - opts.sinceSeconds;
        for await (const l of engine.containerLogs(id, { follow: true, tail, since, signal: ac.signal })) {
          // A chunk may hold several lines (or end mid-line); each shows as its own row.
          let text = l.line.toString('utf8');
          if (text.endsWith('\n')) text = text.slice(0, text.endsWith('\r\n') ? -2 : -1);
          if (text.includes('\n')) for (const part of text.split(/\r?\n/)) ring.push({ stream: l.stream, time: l.time, text: part, seq: seq++ });
          else ring.push({ stream: l.stream, time: l.time, text, seq: seq++ });
          dirty = true;
          later();
        }
        if (!ac.signal.aborted) end();
      } catch (err) {
        if (!ac.signal.aborted) end(err instanceof Error ? err.message : String(err));
      }
    };
    // The last lines and the end arrive in one render.
    const end = (error?: string) => {
      clearTimeout(timer);
      timer = undefined;
      const lines = dirty ? ring.toArray() : undefined;
      dirty = false;
      setState((s) => {
        const mine = s.key === key ? s : { key, ...EMPTY };
        return { ...mine, lines: lines ?? mine.lines, ended: true, ...(error !== undefined ? { error } : {}) };
      });
    };
    // A selection moving quickly (a key held down) waits until it rests; a first move, a new tail
    // or since preset, or a restart opens at once.
    const settle = opts.settleMs ?? 120;
    const now = Date.now();
    const hurried = moved.current.id !== id && now - moved.current.at < settle;
    if (moved.current.id !== id) moved.current = { id, at: now };
    const opener = hurried ? setTimeout(() => void follow(), settle) : undefined;
    if (!opener) void follow();
    return () => { ac.abort(); clearTimeout(opener); clearTimeout(timer); };
    // `running` re-opens the stream when a stopped container starts again (lazydocker re-attaches too).
  }, [engine, key, opts.flushMs, opts.settleMs]); // eslint-disable-line react-hooks/exhaustive-deps
  if (!id) return NONE;
  return state.key === key ? state : EMPTY;
}
