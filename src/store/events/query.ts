/**
 * Event queries for `berth events`, the TUI and GET /events: since/until bounds, docker's
 * filters (type, event, image, container, volume, label), and live following of the log.
 */
import { watch } from 'node:fs';
import type { EngineEvent } from './types.js';
import type { EventsLog } from './events-log.js';
import { invalid } from '../../lib/errors.js';

export interface EventQuery {
  since?: number;
  until?: number;
  filters?: Record<string, string[]>;
  follow?: boolean;
  signal?: AbortSignal;
  /** Poll interval for following, ms. @default 100 */
  pollMs?: number;
}

const KNOWN = new Set(['type', 'event', 'image', 'container', 'volume', 'label', 'network', 'daemon', 'scope']);

export function eventMatcher(filters: Record<string, string[]> = {}): (e: EngineEvent) => boolean {
  for (const k of Object.keys(filters)) if (!KNOWN.has(k)) throw invalid(`invalid filter '${k}'`);
  const any = (k: string, pred: (v: string) => boolean) => !filters[k]?.length || filters[k]!.some(pred);
  return (e) => {
    const name = e.Actor.Attributes.name ?? '';
    const idOrName = (v: string) => e.Actor.ID === v || e.Actor.ID.startsWith(v) || name === v;
    return any('type', (v) => v === e.Type)
      && any('event', (v) => v === e.Action || e.Action.startsWith(`${v}:`))
      && any('image', (v) => (e.Type === 'image' && idOrName(v)) || e.Actor.Attributes.image === v || e.from === v)
      && any('container', (v) => e.Type === 'container' && idOrName(v))
      && any('volume', (v) => e.Type === 'volume' && idOrName(v))
      && any('label', (v) => {
        const eq = v.indexOf('=');
        return eq === -1 ? v in e.Actor.Attributes : e.Actor.Attributes[v.slice(0, eq)] === v.slice(eq + 1);
      })
      && any('scope', (v) => v === 'local');
  };
}

/**
 * Yield stored events within [since, until], then (when following) new ones as they are appended,
 * until the signal aborts or `until` passes. Without since/until and without follow, nothing past is shown
 * (docker's `events` only streams live events unless --since is given).
 */
export async function* queryEvents(log: EventsLog, q: EventQuery): AsyncIterable<EngineEvent> {
  const match = eventMatcher(q.filters);
  const inRange = (e: EngineEvent) => (q.since === undefined || e.timeNano >= q.since * 1e9) && (q.until === undefined || e.timeNano <= q.until * 1e9);
  let offset = await log.size();
  if (q.since !== undefined) {
    const { events, offset: end } = await log.readFrom(0);
    offset = end;
    for (const e of events) if (inRange(e) && match(e)) yield e;
  }
  if (!q.follow) return;
  const pollMs = q.pollMs ?? 100;
  let wake: (() => void) | undefined;
  let watcher: ReturnType<typeof watch> | undefined;
  try { watcher = watch(log.path, () => wake?.()); } catch { /* log not created yet: polling covers it */ }
  try {
    while (!q.signal?.aborted) {
      if (q.until !== undefined && Date.now() / 1000 > q.until) return;
      const { events, offset: next } = await log.readFrom(offset);
      offset = next;
      for (const e of events) {
        if (q.until !== undefined && e.timeNano > q.until * 1e9) return;
        if (match(e)) yield e;
      }
      await new Promise<void>((r) => {
        const done = () => { clearTimeout(t); q.signal?.removeEventListener('abort', done); r(); };
        const t = setTimeout(done, pollMs);
        wake = done;
        q.signal?.addEventListener('abort', done, { once: true });
      });
      wake = undefined;
    }
  } finally {
    watcher?.close();
  }
}
