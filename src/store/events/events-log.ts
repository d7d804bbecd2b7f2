/**
 * The append-only events log (<root>/events.log, one JSON event per line). Every mutating
 * operation appends here, from whichever process did it (CLI, TUI, API server, conmon's exit
 * command), so `berth events`, the TUI and the API follow one file and no daemon is needed.
 */
import { promises as fsp, createReadStream } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { EngineEvent } from './types.js';

export class EventsLog {
  readonly path: string;

  constructor(root: string) {
    this.path = join(root, 'events.log');
  }

  /** One write(2) with O_APPEND per event keeps concurrent appenders from interleaving lines. */
  async append(ev: Omit<EngineEvent, 'scope' | 'time' | 'timeNano'> & { timeNano?: number }): Promise<void> {
    const nano = ev.timeNano ?? nowNano();
    const full: EngineEvent = { ...ev, scope: 'local', time: Math.floor(nano / 1e9), timeNano: nano };
    await fsp.appendFile(this.path, JSON.stringify(full) + '\n', { mode: 0o600 });
  }

  /** Read events from byte `offset`; returns them and the offset after the last whole line. */
  async readFrom(offset: number): Promise<{ events: EngineEvent[]; offset: number }> {
    let fh;
    try { fh = await fsp.open(this.path, 'r'); } catch { return { events: [], offset }; }
    try {
      const { size } = await fh.stat();
      if (size < offset) offset = 0; // truncated or replaced: start over
      if (size === offset) return { events: [], offset };
      const buf = Buffer.alloc(size - offset);
      await fh.read(buf, 0, buf.length, offset);
      const end = buf.lastIndexOf(0x0a) + 1; // only whole lines; a partial tail is read next time
      const events: EngineEvent[] = [];
      for (const line of buf.subarray(0, end).toString('utf8').split('\n')) {
        if (!line) continue;
        try { events.push(JSON.parse(line) as EngineEvent); } catch { /* a torn line from a crash: skip */ }
      }
      return { events, offset: offset + end };
    } finally {
      await fh.close();
    }
  }

  async size(): Promise<number> {
    return (await fsp.stat(this.path).catch(() => ({ size: 0 }))).size;
  }

  /** Stream every stored event (for since/until queries over the whole log). */
  async *all(): AsyncIterable<EngineEvent> {
    let stream;
    try {
      await fsp.access(this.path);
      stream = createReadStream(this.path, { encoding: 'utf8' });
    } catch { return; }
    for await (const line of createInterface({ input: stream, crlfDelay: Infinity })) {
      if (!line) continue;
      try { yield JSON.parse(line) as EngineEvent; } catch { /* torn line */ }
    }
  }
}

/** Nanoseconds as a JS number: ms precision, which is what Date gives (JSON cannot carry int64 exactly). */
export function nowNano(): number {
  return Date.now() * 1e6;
}
