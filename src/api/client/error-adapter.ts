/**
 * Errors handed to another copy of the EngineError class. The CLI runs bundled while this client
 * loads unbundled beside it, so the CLI's `instanceof EngineError` would miss our errors and
 * report daemon errors as internal ones; the entry passes a mapper that re-creates them in its
 * own class. Every method is wrapped: promises, async iterables and a build's handle.
 */
import type { Engine } from '../../engine/engine.js';

export type ErrorMapper = (err: unknown) => unknown;

function mapIterable<T>(it: AsyncIterable<T>, map: ErrorMapper): AsyncIterable<T> {
  return {
    [Symbol.asyncIterator]() {
      const inner = it[Symbol.asyncIterator]();
      return {
        next: (v?: unknown) => inner.next(v as undefined).catch((e: unknown) => { throw map(e); }),
        return: (v?: unknown) => (inner.return ? inner.return(v as T) : Promise.resolve({ done: true as const, value: v as T })),
      };
    },
  };
}

function mapResult(r: unknown, map: ErrorMapper): unknown {
  if (!r || typeof r !== 'object') return r;
  if (typeof (r as Promise<unknown>).then === 'function') return (r as Promise<unknown>).catch((e: unknown) => { throw map(e); });
  if (typeof (r as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function') return mapIterable(r as AsyncIterable<unknown>, map);
  const h = r as { events?: AsyncIterable<unknown>; result?: Promise<unknown> };
  if (h.events && h.result) {
    // the build handle: the caller awaits both; the original promise is handled here too
    const result = h.result.catch((e: unknown) => { throw map(e); });
    return { events: mapIterable(h.events, map), result };
  }
  return r;
}

export function adaptErrors(engine: Engine, map: ErrorMapper): Engine {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(engine)) {
    out[k] = typeof v !== 'function' ? v : (...args: unknown[]) => {
      let r: unknown;
      try { r = (v as (...a: unknown[]) => unknown).apply(engine, args); } catch (e) { throw map(e); }
      return mapResult(r, map);
    };
  }
  return out as unknown as Engine;
}
