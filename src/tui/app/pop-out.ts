/**
 * The App's side of pop-out (term/handover.ts does the terminal): F on a session tab, or a `!`
 * REPL line, hands the whole terminal to the session; the notice on return says how to go again.
 */
import { keyFor, type Binding } from '../keymap/bindings.js';
import type { SessionManager } from '../session/manager.js';
import type { Handover } from '../term/handover.js';
import { leaveBytes } from './key-handler.js';
import type { UiAction } from './ui-state.js';

export interface PopOutDeps {
  sessions: SessionManager;
  handover?: Handover;
  keymap: Binding[];
  dispatch(a: UiAction): void;
  notify(text: string, level?: 'info' | 'warning'): void;
}

export function popOutSession(d: PopOutDeps, id: string): void {
  const x = d.sessions.get(id);
  if (!x || x.state !== 'running') return d.notify('pop-out needs a running terminal session tab', 'warning');
  if (!d.handover) return d.notify('pop-out needs a real terminal', 'warning');
  d.dispatch({ type: 'show-session', id });
  // Back in the panes afterwards, with the session's tab shown (F pops it out again).
  d.dispatch({ type: 'set-focus', focus: 'panes' });
  void d.handover.popOut(x, leaveBytes(d.keymap)).then(() => d.notify(x.state === 'running'
    ? `back from "${x.title}": it keeps running (${keyFor('pop-out', 'session', d.keymap) ?? 'pop-out'} pops it out again)` : `"${x.title}" ended`, 'info'));
}
