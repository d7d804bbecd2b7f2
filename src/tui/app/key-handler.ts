/**
 * Key routing, in priority order: an embedded terminal takes everything but ctrl-]; then an open
 * dialog, the help overlay, the REPL line, the filter line; otherwise the keymap decides, looking
 * in the focused context's scopes first (Logs tab, main area, the pane) and then the global ones.
 */
import { hintLine, keyFor, lookup, type Action, type Binding, type Scope } from '../keymap/bindings.js';
import { isPrintable, keyName, rawFor } from '../keymap/keys.js';
import { dialogItemCount, type Dialog, type PromptDialog } from '../dialogs/dialog.js';
import { editLine, type LineState } from '../repl/line-editor.js';
import type { SessionManager } from '../session/manager.js';
import { isTaskId } from '../tasks/task.js';
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
  /** The effective keymap (defaults with the config's remapping). */
  keymap: Binding[];
  notify(text: string, level?: 'info' | 'warning' | 'error' | 'success'): void;
}

/** Scopes to search for a key, most specific first. */
export function scopesFor(s: UiState): Scope[] {
  // A shown session or build tab adds its keys (F pops a session out, c opens a build's cache panel).
  const shown: Scope[] = !s.session ? [] : s.session.startsWith('build-') ? ['build'] : isTaskId(s.session) ? [] : ['session'];
  if (s.focus === 'main') {
    const tab: Scope[] = s.session ? [] : s.tab[s.pane] === 'logs' ? ['logs'] : s.tab[s.pane] === 'inspect' ? ['inspect']
      : s.tab[s.pane] === 'layers' && s.pane === 'images' ? ['layers'] : [];
    return [...shown, ...tab, 'main', s.pane, 'global'];
  }
  return [...shown, s.pane, 'global'];
}

export function handleRaw(deps: KeyDeps, raw: string): void {
  const st = deps.ui.get();
  if (st.focus === 'terminal' && !deps.dialog.get()) {
    const session = deps.sessions.get(st.session);
    if (session && session.state === 'running') {
      // ctrl-] (0x1d, or the key the config reserves) is reserved: everything before it goes to
      // the session, the rest to the panes.
      const at = leaveBytes(deps.keymap).map((b) => raw.indexOf(b)).filter((i) => i >= 0).sort((x, y) => x - y)[0] ?? -1;
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
  const b: Binding | undefined = lookup(key, scopesFor(st), deps.keymap);
  if (!b) return;
  if (b.mutating && deps.readOnly) {
    deps.notify(`read-only mode: "${b.help}" is disabled`, 'warning');
    return;
  }
  deps.doAction(b.action, b.scope);
}

function dialogKey(deps: KeyDeps, open: { d: Dialog; index: number }, key: string, raw: string): void {
  const { d, index } = open;
  if (d.kind === 'prompt') return promptKey(deps, d, index, key, raw);
  const count = dialogItemCount(d);
  // A menu item's own key runs it directly (x then s stops).
  if (d.kind === 'menu' && isPrintable(raw)) {
    const at = d.items.findIndex((it) => it.key === key);
    if (at >= 0) return runItem(deps, d, at);
  }
  const b = lookup(key, ['dialog'], deps.keymap);
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
  const b = lookup(key, ['help'], deps.keymap);
  if (b?.action === 'cancel') deps.ui.dispatch({ type: 'help', open: false });
  else if (b?.action === 'down') deps.helpScroll.set((n) => n + 1);
  else if (b?.action === 'up') deps.helpScroll.set((n) => Math.max(0, n - 1));
}

function filterKey(deps: KeyDeps, key: string, raw: string): void {
  const f = deps.filter.get();
  if (!f) { deps.ui.dispatch({ type: 'set-focus', focus: 'panes' }); return; }
  const b = lookup(key, ['filter'], deps.keymap);
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

/** The raw bytes of the terminal's reserved "back to the panes" keys. */
export function leaveBytes(keymap: Binding[]): string[] {
  const keys = keymap.find((b) => b.scope === 'terminal' && b.action === 'leave-terminal')?.keys ?? [];
  return keys.map(rawFor).filter((r): r is string => !!r);
}

/** A form: every printable key is text (q and n are letters here), enter moves on or submits. */
function promptKey(deps: KeyDeps, d: PromptDialog, index: number, key: string, raw: string): void {
  const n = d.fields.length;
  switch (key) {
    case 'esc': deps.dialog.set(null); d.onCancel?.(); return;
    case 'tab': case 'down': deps.dialog.set({ d, index: (index + 1) % n }); return;
    case 'shift-tab': case 'up': deps.dialog.set({ d, index: (index - 1 + n) % n }); return;
    case 'enter':
      if (index < n - 1) { deps.dialog.set({ d, index: index + 1 }); return; }
      deps.dialog.set(null);
      d.onSubmit(d.fields.map((f) => f.line.value));
      return;
    default: {
      const f = d.fields[index];
      const next = f && editLine(f.line, key, raw, isPrintable(raw));
      if (!next) return;
      deps.dialog.set({ d: { ...d, fields: d.fields.map((x, i) => (i === index ? { ...x, line: next } : x)) }, index });
    }
  }
}

/** The hint line for the focus, with the keys in effect (the config may have moved them). */
export function hintsFor(s: UiState, keymap: Binding[]): string {
  if (s.focus === 'terminal') return `${keyFor('leave-terminal', 'terminal', keymap) ?? 'ctrl-]'} back to the panes (the session keeps running) · ctrl-p ctrl-q detaches an attach`;
  return hintLine(s.focus === 'main' ? scopesFor(s).filter((x) => x !== 'global') : scopesFor(s), keymap);
}

/** The status bar's three reminders. */
export function statusHints(keymap: Binding[]): string {
  return ([['help', 'help'], ['repl', 'command'], ['quit', 'quit']] as [Action, string][])
    .map(([a, word]) => `${keyFor(a, 'global', keymap) ?? '(no key)'} ${word}`).join(' · ');
}
