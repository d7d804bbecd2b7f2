/**
 * The shown main-area view receives keys through a handle: the App dispatches every key from one
 * place (the keymap) and forwards scroll/search actions to whatever view is on screen.
 */
import { createContext, useContext, useEffect, useRef, type MutableRefObject } from 'react';
import type { Action } from '../keymap/bindings.js';

export interface MainHandle {
  action(a: Action): boolean;
  search?(query: string): void;
  query?: string;
}

export const MainHandleContext = createContext<MutableRefObject<MainHandle | null> | null>(null);

/** Registers `handle` (re-read on every render, so it always sees fresh state) while mounted. */
export function useMainHandle(handle: MainHandle): void {
  const slot = useContext(MainHandleContext);
  const latest = useRef(handle);
  latest.current = handle;
  useEffect(() => {
    if (!slot) return;
    const proxy: MainHandle = {
      action: (a) => latest.current.action(a),
      search: (q) => latest.current.search?.(q),
      get query() { return latest.current.query; },
    };
    slot.current = proxy;
    return () => { if (slot.current === proxy) slot.current = null; };
  }, [slot]);
}
