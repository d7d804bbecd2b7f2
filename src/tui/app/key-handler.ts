/**
 * Key routing, in priority order: an embedded terminal takes everything but ctrl-]; then an open
 * dialog, the help overlay, the REPL line, the filter line; otherwise the keymap decides, looking
 * in the focused context's scopes first (Logs tab, main area, the pane) and then the global ones.
 */
import { lookup, type Action, type Binding, type Scope } from '../keymap/bindings.js';
import { isPrintable, keyName } from '../keymap/keys.js';
import { dialogItemCount, type Dialog } from '../dialogs/dialog.js';
import { editLine, type LineState } from '../repl/line-editor.js';
import type { SessionManager } from '../session/manager.js';
import { splitKeys, type SyncState } from './sync-state.js';
import type { Focus, UiAction, UiState } from './ui-state.js';

export interface FilterLine {
  line: LineState;
  target: 'pane' | 'main';
  back: Focus;
}

export interface KeyDeps {
  ui: SyncState<UiState> & { dispatch(a: UiAction): void };
  dialog: SyncState<{ d: Dialog; index: number } | null>;
  filter: SyncState<FilterLine | null>;
  helpScroll: SyncState<number>;
  sessions: SessionManager;
  readOnly: boolean;
  repl: { handleKey(key: string, raw: string): void };
  applyFilter(target: 'pane' | 'main', text: string): void;
  doAction(action: Action, scope: Scope): void;
  notify(text: string, level?: 'info' | 'warning' | 'error' | 'success'): void;
}

/** Scopes to search for a key, most specific first. */
export function scopesFor(s: UiState): Scope[] {
  if (s.focus === 'main') {
    const tab: Scope[] = s.session ? [] : s.tab[s.pane] === 'logs' ? ['logs'] : s.tab[s.pane] === 'inspect' ? ['inspect']
      : s.tab[s.pane] === 'layers' && s.pane === 'images' ? ['layers'] : [];
    return [...tab, 'main', s.pane, 'global'];
  }
  return [s.pane, 'global'];
}

export function handleRaw(deps: KeyDeps, raw: string): void {
  const st = deps.ui.get();
  if (st.focus === 'terminal' && !deps.dialog.get()) {
    const session = deps.sessions.get(st.session);
    if (session && session.state === 'running') {
      // ctrl-] (0x1d) is reserved: everything before it goes to the session, the rest to the panes.
      const at = raw.indexOf('\x1d');
      if (at < 0) { session.write(raw); return; }
      if (at > 0) session.write(raw.slice(0, at));
      deps.ui.dispatch({ type: 'set-focus', focus: 'panes' });
      if (raw.length > at + 1) handleRaw(deps, raw.slice(at + 1));
      return;
    }
    deps.ui.dispatch({ type: 'set-focus', focus: 'panes' });
  }
  for (const k of splitKeys(raw)) handleOne(deps, k);
}

function handleOne(deps: KeyDeps, raw: string): void {
  const key = keyName(raw);
  const st = deps.ui.get();
  const open = deps.dialog.get();
  if (open) return dialogKey(deps, open, key, raw);
  if (st.help) return helpKey(deps, key);
  if (st.focus === 'repl') return deps.repl.handleKey(key, raw);
  if (st.focus === 'filter') return filterKey(deps, key, raw);
  if (st.focus === 'terminal') {
    // Focus moved to a session earlier in this same read: the rest of the read is typed into it.
    deps.sessions.get(st.session)?.write(raw);
    return;
  }
  // Outside a text line, "jjj" in one read is three key presses.
  if ([...raw].length > 1 && !raw.startsWith('\x1b')) {
    for (const ch of raw) handleOne(deps, ch);
    return;
  }
  const b: Binding | undefined = lookup(key, scopesFor(st));
  if (!b) return;
  if (b.mutating && deps.readOnly) {
    deps.notify(`read-only mode: "${b.help}" is disabled`, 'warning');
    return;
  }
  deps.doAction(b.action, b.scope);
}

function dialogKey(deps: KeyDeps, open: { d: Dialog; index: number }, key: string, raw: string): void {
  const { d, index } = open;
  const count = dialogItemCount(d);
  // A menu item's own key runs it directly (x then s stops).
  if (d.kind === 'menu' && isPrintable(raw)) {
    const at = d.items.findIndex((it) => it.key === key);
    if (at >= 0) return runItem(deps, d, at);
  }
  const b = lookup(key, ['dialog']);
  switch (b?.action) {
    case 'confirm':
      if (d.kind === 'menu') return runItem(deps, d, index);
      deps.dialog.set(null);
      if (d.kind === 'confirm') d.onConfirm(d.options?.[index]?.value);
      return;
    case 'cancel': deps.dialog.set(null); return;
    case 'down': case 'next-option': if (count) deps.dialog.set({ d, index: (index + 1) % count }); return;
    case 'up': if (count) deps.dialog.set({ d, index: (index - 1 + count) % count }); return;
    default:
  }
}

function runItem(deps: KeyDeps, d: Extract<Dialog, { kind: 'menu' }>, at: number): void {
  const item = d.items[at];
  if (!item) return;
  if (item.disabled) { deps.notify(`${item.label}: ${item.disabled}`, 'warning'); return; }
  // Close first: the item may open the next dialog (a confirmation).
  deps.dialog.set(null);
  item.run();
}

function helpKey(deps: KeyDeps, key: string): void {
  const b = lookup(key, ['help']);
  if (b?.action === 'cancel') deps.ui.dispatch({ type: 'help', open: false });
  else if (b?.action === 'down') deps.helpScroll.set((n) => n + 1);
  else if (b?.action === 'up') deps.helpScroll.set((n) => Math.max(0, n - 1));
}

function filterKey(deps: KeyDeps, key: string, raw: string): void {
  const f = deps.filter.get();
  if (!f) { deps.ui.dispatch({ type: 'set-focus', focus: 'panes' }); return; }
  const b = lookup(key, ['filter']);
  if (b?.action === 'confirm' || b?.action === 'cancel') {
    if (b.action === 'cancel') deps.applyFilter(f.target, '');
    deps.filter.set(null);
    deps.ui.dispatch({ type: 'set-focus', focus: f.back });
    return;
  }
  const next = editLine(f.line, key, raw, isPrintable(raw));
  if (!next) return;
  deps.filter.set({ ...f, line: next });
  deps.applyFilter(f.target, next.value);
}
