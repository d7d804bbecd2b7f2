/**
 * Follows one container's logs into a bounded ring buffer: memory stays flat however long the
 * container prints, and lines are flushed to React in batches (one render per interval, not per
 * line). The stream is opened in an effect with its own AbortController and aborted when the
 * selection changes; a container that starts again is followed again.
 */
import { useEffect, useState } from 'react';
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
  flushMs?: number;
}

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
  toArray(): T[] { return [...this.buf.slice(this.head), ...this.buf.slice(0, this.head)]; }
  clear(): void { this.buf = []; this.head = 0; }
}

export function useLogs(engine: Engine, id: string | undefined, running: boolean, opts: LogsOptions = {}): LogsState {
  const [state, setState] = useState<LogsState>({ lines: [], ended: false });
  useEffect(() => {
    if (!id) { setState({ lines: [], ended: true }); return; }
    const ac = new AbortController();
    const ring = new Ring<LogEntry>(opts.max ?? 5000);
    let seq = 0;
    let dirty = false;
    const flush = () => {
      if (!dirty) return;
      dirty = false;
      setState((s) => ({ ...s, lines: ring.toArray() }));
    };
    const timer = setInterval(flush, opts.flushMs ?? 50);
    setState({ lines: [], ended: false });
    (async () => {
      try {
        const tail = opts.tail === 'all' ? undefined : opts.tail ?? 500;
        const since = opts.sinceSeconds === undefined ? undefined : Date.now() / 1000 - opts.sinceSeconds;
        for await (const l of engine.containerLogs(id, { follow: true, tail, since, signal: ac.signal })) {
          // A chunk may hold several lines (or end mid-line); each shows as its own row.
          const text = l.line.toString('utf8').replace(/\r?\n$/, '');
          for (const part of text.split(/\r?\n/)) ring.push({ stream: l.stream, time: l.time, text: part, seq: seq++ });
          dirty = true;
        }
        if (!ac.signal.aborted) { flush(); setState((s) => ({ ...s, ended: true })); }
      } catch (err) {
        if (!ac.signal.aborted) {
          flush();
          setState((s) => ({ ...s, ended: true, error: err instanceof Error ? err.message : String(err) }));
        }
      }
    })();
    return () => { ac.abort(); clearInterval(timer); };
    // `running` re-opens the stream when a stopped container starts again (lazydocker re-attaches too).
  }, [engine, id, running, opts.tail, opts.sinceSeconds, opts.max, opts.flushMs]);
  return state;
}
