/**
 * Navigation state as a pure reducer: which pane and row are selected, marks, filters, the shown
 * tab. Rows are addressed by key (container/image ID), so the selection follows a row when the
 * list reorders, and falls to the neighbour when its row goes away.
 */
export type PaneId = 'containers' | 'images' | 'volumes';
export const PANES: PaneId[] = ['containers', 'images', 'volumes'];

/** panes: a side list has the keyboard; main: the detail area; terminal: a pty session. */
export type Focus = 'panes' | 'main' | 'repl' | 'filter' | 'terminal';

export type TabId = 'logs' | 'stats' | 'env' | 'inspect' | 'top' | 'layers' | 'config';

export const TABS: Record<PaneId, TabId[]> = {
  containers: ['logs', 'stats', 'env', 'inspect', 'top'],
  images: ['layers', 'config', 'inspect'],
  volumes: ['inspect'],
};

export const TAB_LABELS: Record<TabId, string> = {
  logs: 'Logs', stats: 'Stats', env: 'Env', inspect: 'Inspect', top: 'Top', layers: 'Layers', config: 'Config',
};

export interface UiState {
  pane: PaneId;
  focus: Focus;
  sel: Record<PaneId, string | undefined>;
  /** Last selected index, to land on a neighbour when the selected row disappears. */
  selIndex: Record<PaneId, number>;
  marks: Record<PaneId, string[]>;
  filter: Record<PaneId, string>;
  showStopped: boolean;
  tab: Record<PaneId, TabId>;
  /** A session tab shown in the main area instead of the selection's detail tab. */
  session: string | null;
  help: boolean;
}

export const initialUi = (): UiState => ({
  pane: 'containers', focus: 'panes',
  sel: { containers: undefined, images: undefined, volumes: undefined },
  selIndex: { containers: 0, images: 0, volumes: 0 },
  marks: { containers: [], images: [], volumes: [] },
  filter: { containers: '', images: '', volumes: '' },
  showStopped: true,
  tab: { containers: 'logs', images: 'layers', volumes: 'inspect' },
  session: null, help: false,
});

export type UiAction =
  | { type: 'focus-pane'; pane: PaneId }
  | { type: 'cycle-pane'; delta: 1 | -1 }
  | { type: 'move'; delta: number; keys: string[] }
  | { type: 'move-to'; index: number; keys: string[] }
  | { type: 'sync'; pane: PaneId; keys: string[] }
  | { type: 'toggle-mark'; keys: string[] }
  | { type: 'clear-marks' }
  | { type: 'set-filter'; pane: PaneId; text: string }
  | { type: 'toggle-stopped' }
  | { type: 'cycle-tab'; delta: 1 | -1; sessions: string[] }
  | { type: 'show-session'; id: string | null }
  | { type: 'set-focus'; focus: Focus }
  | { type: 'help'; open: boolean };

const clamp = (n: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, n));

function select(s: UiState, pane: PaneId, keys: string[], index: number): UiState {
  if (keys.length === 0) return { ...s, sel: { ...s.sel, [pane]: undefined }, selIndex: { ...s.selIndex, [pane]: 0 } };
  const i = clamp(index, 0, keys.length - 1);
  return { ...s, sel: { ...s.sel, [pane]: keys[i] }, selIndex: { ...s.selIndex, [pane]: i } };
}

/** Where the selection is now in `keys`: its key if present, else the remembered index. */
export function selectedIndex(s: UiState, pane: PaneId, keys: string[]): number {
  const at = s.sel[pane] === undefined ? -1 : keys.indexOf(s.sel[pane]!);
  return at >= 0 ? at : clamp(s.selIndex[pane], 0, Math.max(0, keys.length - 1));
}

export function uiReducer(s: UiState, a: UiAction): UiState {
  switch (a.type) {
    case 'focus-pane':
      // Choosing a pane shows its detail again (the main area follows the selection).
      return { ...s, pane: a.pane, focus: 'panes', session: null };
    case 'cycle-pane': {
      const i = (PANES.indexOf(s.pane) + a.delta + PANES.length) % PANES.length;
      return { ...s, pane: PANES[i]!, focus: 'panes', session: null };
    }
    case 'move': {
      const next = select(s, s.pane, a.keys, selectedIndex(s, s.pane, a.keys) + a.delta);
      return { ...next, session: null };
    }
    case 'move-to':
      return { ...select(s, s.pane, a.keys, a.index < 0 ? a.keys.length - 1 : a.index), session: null };
    case 'sync': {
      // The list changed: keep the selected key, or land on the row now at the old index.
      const next = select(s, a.pane, a.keys, selectedIndex(s, a.pane, a.keys));
      const marks = s.marks[a.pane].filter((k) => a.keys.includes(k));
      if (next.sel[a.pane] === s.sel[a.pane] && next.selIndex[a.pane] === s.selIndex[a.pane] && marks.length === s.marks[a.pane].length) return s;
      return { ...next, marks: { ...s.marks, [a.pane]: marks } };
    }
    case 'toggle-mark': {
      const key = a.keys[selectedIndex(s, s.pane, a.keys)];
      if (key === undefined) return s;
      const cur = s.marks[s.pane];
      const marks = cur.includes(key) ? cur.filter((k) => k !== key) : [...cur, key];
      // Marking moves down, so space-space-space marks a run of rows (k9s).
      return select({ ...s, marks: { ...s.marks, [s.pane]: marks } }, s.pane, a.keys, selectedIndex(s, s.pane, a.keys) + 1);
    }
    case 'clear-marks':
      return { ...s, marks: { ...s.marks, [s.pane]: [] } };
    case 'set-filter':
      return { ...s, filter: { ...s.filter, [a.pane]: a.text } };
    case 'toggle-stopped':
      return { ...s, showStopped: !s.showStopped };
    case 'cycle-tab': {
      const ids: string[] = [...TABS[s.pane], ...a.sessions.map((id) => `session:${id}`)];
      const cur = s.session ? `session:${s.session}` : s.tab[s.pane];
      const next = ids[(ids.indexOf(cur) + a.delta + ids.length) % ids.length]!;
      if (next.startsWith('session:')) return { ...s, session: next.slice(8) };
      return { ...s, session: null, tab: { ...s.tab, [s.pane]: next as TabId } };
    }
    case 'show-session':
      return { ...s, session: a.id };
    case 'set-focus':
      return { ...s, focus: a.focus };
    case 'help':
      return { ...s, help: a.open };
  }
}
