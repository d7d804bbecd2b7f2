/**
 * The docker CLI's stats collectors (stats_helpers.go `collect`): one engine stream per container,
 * the latest entry kept for the renderer, "--" once no sample arrived for two seconds.
 */
import type { Engine } from '../../../engine/engine.js';
import { invalidEntry, statsEntry, type StatsEntry } from './stats-entry.js';

const STALE_MS = 2000;

interface Tracked {
  entry: StatsEntry;
  err?: unknown;
  last: number;
  stop: AbortController;
  first: Promise<void>;
}

export class StatsCollectors {
  private readonly tracked = new Map<string, Tracked>();

  constructor(private readonly engine: Engine, private readonly stream: boolean, private readonly signal: AbortSignal) {}

  /** Start collecting for `container` unless already tracked (docker's cStats.add). */
  add(container: string): void {
    if (this.tracked.has(container)) return;
    const stop = new AbortController();
    const onAbort = () => stop.abort();
    this.signal.addEventListener('abort', onAbort, { once: true });
    const t: Tracked = { entry: invalidEntry(container), last: Date.now(), stop, first: Promise.resolve() };
    let gotFirst!: () => void;
    t.first = new Promise<void>((r) => { gotFirst = r; });
    this.tracked.set(container, t);
    void (async () => {
      try {
        for await (const v of this.engine.containerStats(container, { stream: this.stream, signal: stop.signal })) {
          t.entry = statsEntry(container, v);
          t.err = undefined;
          t.last = Date.now();
          gotFirst();
          if (!this.stream) break;
        }
        // the stream ended (container removed): docker shows "--" from then on
        if (this.stream && !stop.signal.aborted) t.entry = invalidEntry(container, t.entry);
      } catch (err) {
        t.err = err;
        t.entry = invalidEntry(container, t.entry);
      } finally {
        this.signal.removeEventListener('abort', onAbort);
        gotFirst();
      }
    })();
  }

  remove(container: string): void {
    const t = this.tracked.get(container);
    t?.stop.abort();
    this.tracked.delete(container);
  }

  /** Resolves once every tracked container has a first sample or an error (docker's waitFirst). */
  async waitFirst(): Promise<void> {
    await Promise.all([...this.tracked.values()].map((t) => t.first));
  }

  errors(): unknown[] {
    return [...this.tracked.values()].map((t) => t.err).filter((e) => e !== undefined);
  }

  get size(): number {
    return this.tracked.size;
  }

  /** Current entries in insertion order; a stream silent for 2 s reads as invalid. */
  entries(now = Date.now()): StatsEntry[] {
    return [...this.tracked.values()].map((t) => (this.stream && !t.entry.IsInvalid && now - t.last > STALE_MS ? invalidEntry(t.entry.Container, t.entry) : t.entry));
  }

  close(): void {
    for (const t of this.tracked.values()) t.stop.abort();
  }
}
