/**
 * State that key handlers can read back immediately. One read from the terminal can carry several
 * keys (":ps\r", "jjj"); they are handled in one synchronous loop, before React re-renders, so a
 * handler must see the state the previous key left, not the state of the last render.
 */
import { useReducer, useRef } from 'react';

export interface SyncState<T> {
  /** The value as of the last render (for drawing). */
  value: T;
  /** The latest value, including updates not yet rendered (for handlers). */
  get(): T;
  set(next: T | ((prev: T) => T)): void;
}

export function useSyncState<T>(initial: T | (() => T)): SyncState<T> {
  const ref = useRef<{ v: T } | null>(null);
  if (ref.current === null) ref.current = { v: typeof initial === 'function' ? (initial as () => T)() : initial };
  const [, bump] = useReducer((n: number) => n + 1, 0);
  const box = ref.current;
  return {
    value: box.v,
    get: () => box.v,
    set: (next) => {
      const v = typeof next === 'function' ? (next as (p: T) => T)(box.v) : next;
      if (Object.is(v, box.v)) return;
      box.v = v;
      bump();
    },
  };
}

/** useSyncState over a reducer. */
export function useSyncReducer<S, A>(reducer: (s: S, a: A) => S, initial: () => S): SyncState<S> & { dispatch(a: A): void } {
  const st = useSyncState<S>(initial);
  return { ...st, dispatch: (a: A) => st.set((s) => reducer(s, a)) };
}

/** Splits one input event into keys: escape sequences stay whole, other text becomes runs of
 * printable characters (kept together, for pastes into a line) and single control characters. */
export function splitKeys(raw: string): string[] {
  if (raw.startsWith('\x1b')) return [raw];
  const out: string[] = [];
  let text = '';
  for (const ch of raw) {
    if (/[\x00-\x1f\x7f]/.test(ch)) {
      if (text) out.push(text);
      text = '';
      out.push(ch);
    } else text += ch;
  }
  if (text) out.push(text);
  return out;
}
