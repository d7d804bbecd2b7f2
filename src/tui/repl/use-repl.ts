/**
 * The REPL line's state machine: editing, tab completion, up/down history and ctrl-r search over a
 * history persisted through LineHistory. Running a line is the App's job (onSubmit).
 */
import { useEffect, useRef } from 'react';
import type { LineHistory } from '../../lib/line-history.js';
import type { CommandSupport } from '../launch.js';
import { lookup, type Binding } from '../keymap/bindings.js';
import { isPrintable } from '../keymap/keys.js';
import { useSyncState } from '../app/sync-state.js';
import { completeLine, type CompletionNames } from './completion.js';
import { History } from './history.js';
import { editLine, emptyLine, lineOf, type LineState } from './line-editor.js';

export interface ReplView {
  line: LineState;
  candidates: string[];
  search?: { query: string; index?: number; match?: string };
}

export interface ReplState extends ReplView {
  history: History;
  handleKey(key: string, raw: string): void;
  reset(): void;
}

export interface ReplOptions {
  commands: CommandSupport;
  names: CompletionNames;
  store?: LineHistory;
  onSubmit(line: string): void;
  onClose(): void;
  keymap?: Binding[];
}

const EMPTY: ReplView = { line: emptyLine, candidates: [] };

export function useRepl(o: ReplOptions): ReplState {
  const st = useSyncState<ReplView>(EMPTY);
  const history = useRef(new History());

  useEffect(() => {
    let live = true;
    o.store?.load().then((older) => { if (live) history.current.prepend(older); }, () => undefined);
    return () => { live = false; };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [o.store]);

  const reset = () => { st.set(EMPTY); history.current.reset(); };
  const submit = (value: string) => {
    reset();
    if (value.trim()) {
      history.current.add(value);
      void o.store?.append(value);
    }
    o.onSubmit(value);
  };

  const searchKey = (key: string, raw: string) => {
    const s = st.get().search!;
    if (key === 'ctrl-r') {
      const hit = history.current.search(s.query, s.index);
      if (hit) st.set((v) => ({ ...v, search: { query: s.query, index: hit.index, match: hit.line } }));
      return;
    }
    if (key === 'backspace' || isPrintable(raw)) {
      const query = key === 'backspace' ? s.query.slice(0, -1) : s.query + raw;
      const hit = history.current.search(query);
      st.set((v) => ({ ...v, search: { query, index: hit?.index, match: hit?.line } }));
      return;
    }
    // Any other key ends the search: esc keeps the line as it was, others take the match.
    const accepted = key === 'esc' || key === 'ctrl-c' || s.match === undefined ? st.get().line : lineOf(s.match);
    st.set((v) => ({ ...v, line: accepted, search: undefined }));
    if (key === 'enter') submit(accepted.value);
  };

  const handleKey = (key: string, raw: string) => {
    const cur = st.get();
    if (cur.search) { searchKey(key, raw); return; }
    const b = lookup(key, ['repl'], o.keymap);
    switch (b?.action) {
      case 'run': submit(cur.line.value); return;
      case 'cancel': reset(); o.onClose(); return;
      case 'clear-line': reset(); return;
      case 'complete': {
        const c = completeLine(cur.line.value.slice(0, cur.line.cursor), o.commands, o.names);
        st.set({ line: { value: c.line + cur.line.value.slice(cur.line.cursor), cursor: c.line.length }, candidates: c.candidates });
        return;
      }
      case 'history-prev': { const v = history.current.prev(cur.line.value); if (v !== undefined) st.set({ line: lineOf(v), candidates: [] }); return; }
      case 'history-next': { const v = history.current.next(); if (v !== undefined) st.set({ line: lineOf(v), candidates: [] }); return; }
      case 'history-search': st.set({ ...cur, search: { query: '' } }); return;
      default: {
        const next = editLine(cur.line, key, raw, isPrintable(raw));
        if (next) st.set({ line: next, candidates: [] });
      }
    }
  };

  return { ...st.value, history: history.current, handleKey, reset };
}
