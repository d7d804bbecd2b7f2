/**
 * The keymap: one table drives key dispatch, the `?` overlay, the `x` action menu and
 * docs/keybindings.md (scripts/gen-keybindings.mjs; a unit test fails when the doc drifts).
 * Docker verbs follow lazydocker, navigation follows k9s (shared/design/tui-anchors.md §9).
 */
export type Scope =
  | 'global' | 'containers' | 'images' | 'volumes' | 'main' | 'logs' | 'inspect' | 'layers' | 'session' | 'build'
  | 'dialog' | 'filter' | 'repl' | 'terminal' | 'help';

export type Action =
  | 'quit' | 'interrupt' | 'help' | 'repl' | 'action-menu' | 'bulk-menu' | 'refresh'
  | 'focus-containers' | 'focus-images' | 'focus-volumes' | 'next-pane' | 'prev-pane'
  | 'down' | 'up' | 'top' | 'bottom' | 'page-down' | 'page-up' | 'next-tab' | 'prev-tab'
  | 'focus-main' | 'mark' | 'back' | 'filter' | 'sessions' | 'close-session'
  | 'stop' | 'start' | 'restart' | 'pause' | 'kill' | 'remove' | 'toggle-stopped' | 'attach' | 'shell'
  | 'remove-image' | 'remove-volume' | 'search' | 'next-match' | 'prev-match' | 'follow' | 'timestamps'
  | 'confirm' | 'cancel' | 'next-option'
  | 'run' | 'complete' | 'history-prev' | 'history-next' | 'history-search' | 'clear-line'
  | 'leave-terminal' | 'detach'
  | 'switch-view' | 'toggle-dir' | 'collapse' | 'expand' | 'only-changes'
  | 'tail-preset' | 'since-preset' | 'wrap' | 'save-logs' | 'yank'
  | 'pull' | 'push' | 'login' | 'cache-panel' | 'pop-out';

export interface Binding {
  scope: Scope;
  keys: string[];
  action: Action;
  help: string;
  /** Changes engine state: disabled in read-only mode. */
  mutating?: boolean;
  /** Asks for confirmation first and shows what will go. */
  destructive?: boolean;
  /** Keys that are documented but handled elsewhere (the terminal session itself). */
  passthrough?: boolean;
  /** One word for the hint line; bindings without one are not hinted. */
  hint?: string;
}

const b = (scope: Scope, keys: string[], action: Action, help: string, extra: Partial<Binding> = {}): Binding =>
  ({ scope, keys, action, help, ...extra });

export const SCOPE_TITLES: Record<Scope, string> = {
  global: 'Everywhere (panes and main area)',
  containers: 'Containers pane',
  images: 'Images pane',
  volumes: 'Volumes pane',
  main: 'Main area (focused with enter)',
  logs: 'Logs tab (main area focused)',
  inspect: 'Inspect tab (main area focused)',
  layers: 'Layers tab (main area focused)',
  session: 'Terminal session tab (shown, not typing into it)',
  build: 'Build tab (a build run from the command line)',
  dialog: 'Dialogs and menus',
  filter: 'Filter line (`/`)',
  repl: 'Command line (`:`)',
  terminal: 'Embedded terminal',
  help: 'Help overlay',
};

export const KEYMAP: Binding[] = [
  b('global', ['q'], 'quit', 'quit berth', { hint: 'quit' }),
  b('global', ['ctrl-c'], 'interrupt', 'quit (press twice)'),
  b('global', ['?'], 'help', 'show this help', { hint: 'help' }),
  b('global', [':'], 'repl', 'command line: any berth command', { hint: 'cmd' }),
  b('global', ['x'], 'action-menu', 'actions for the selection', { hint: 'menu' }),
  b('global', ['b'], 'bulk-menu', 'bulk actions: prune containers, images, volumes; stop all', { hint: 'bulk' }),
  b('global', ['1'], 'focus-containers', 'focus Containers'),
  b('global', ['2'], 'focus-images', 'focus Images'),
  b('global', ['3'], 'focus-volumes', 'focus Volumes'),
  b('global', ['tab', 'l', 'right'], 'next-pane', 'next pane'),
  b('global', ['shift-tab', 'h', 'left'], 'prev-pane', 'previous pane'),
  b('global', ['j', 'down'], 'down', 'move down'),
  b('global', ['k', 'up'], 'up', 'move up'),
  b('global', ['g', 'home'], 'top', 'first row'),
  b('global', ['G', 'end'], 'bottom', 'last row'),
  b('global', ['pgdn', 'ctrl-d'], 'page-down', 'scroll the main area down'),
  b('global', ['pgup', 'ctrl-u'], 'page-up', 'scroll the main area up'),
  b('global', [']'], 'next-tab', 'next tab'),
  b('global', ['['], 'prev-tab', 'previous tab'),
  b('global', ['enter'], 'focus-main', 'focus the main area (a terminal tab takes the keyboard)'),
  b('global', ['space'], 'mark', 'mark or unmark the row; actions apply to marked rows'),
  b('global', ['/'], 'filter', 'filter the list'),
  b('global', ['esc'], 'back', 'back: clear filter and marks'),
  b('global', ['o'], 'sessions', 'show the latest output or terminal session'),
  b('global', ['ctrl-w'], 'close-session', 'close the shown session tab (ends it)'),
  b('global', ['ctrl-r'], 'refresh', 'reload the lists'),

  b('containers', ['s'], 'stop', 'stop', { mutating: true, hint: 'stop' }),
  b('containers', ['S'], 'start', 'start', { mutating: true, hint: 'start' }),
  b('containers', ['r'], 'restart', 'restart', { mutating: true, hint: 'restart' }),
  b('containers', ['p'], 'pause', 'pause or unpause', { mutating: true, hint: 'pause' }),
  b('containers', ['ctrl-k'], 'kill', 'kill (SIGKILL)', { mutating: true, destructive: true }),
  b('containers', ['d'], 'remove', 'remove', { mutating: true, destructive: true, hint: 'rm' }),
  b('containers', ['e'], 'toggle-stopped', 'show or hide stopped containers', { hint: 'stopped' }),
  b('containers', ['a'], 'attach', 'attach in a terminal tab', { mutating: true, hint: 'attach' }),
  b('containers', ['E'], 'shell', 'open a shell (bash, else sh) in a terminal tab', { mutating: true, hint: 'shell' }),
  b('containers', ['y'], 'yank', 'copy the container ID to the clipboard (OSC 52)'),

  b('images', ['d'], 'remove-image', 'remove the image', { mutating: true, destructive: true, hint: 'rmi' }),
  b('images', ['p'], 'pull', 'pull an image (asks for the reference; logs in on 401)', { mutating: true, hint: 'pull' }),
  b('images', ['P'], 'push', 'push the image (a tag of it; logs in on 401)', { mutating: true, hint: 'push' }),
  b('images', ['L'], 'login', 'log in to a registry (server, user, password)', { mutating: true, hint: 'login' }),

  b('volumes', ['d'], 'remove-volume', 'remove the volume', { mutating: true, destructive: true, hint: 'rm' }),

  b('main', ['esc'], 'back', 'back to the panes', { hint: 'back' }),
  b('main', ['j', 'down'], 'down', 'scroll down'),
  b('main', ['k', 'up'], 'up', 'scroll up'),
  b('main', ['g', 'home'], 'top', 'top'),
  b('main', ['G', 'end'], 'bottom', 'bottom (logs: follow again)'),

  b('logs', ['/'], 'search', 'filter lines (substring, or /regex/)', { hint: 'filter' }),
  b('logs', ['n'], 'next-match', 'next match'),
  b('logs', ['N'], 'prev-match', 'previous match'),
  b('logs', ['s'], 'follow', 'pause or resume following', { hint: 'follow' }),
  b('logs', ['t'], 'timestamps', 'show or hide timestamps', { hint: 'time' }),
  b('logs', ['T'], 'tail-preset', 'start from the last 500 / 1000 / all / 100 lines (reloads)', { hint: 'tail' }),
  b('logs', ['A'], 'since-preset', 'only lines since 10m / 1h / all (reloads)', { hint: 'since' }),
  b('logs', ['w'], 'wrap', 'wrap long lines, or truncate them', { hint: 'wrap' }),
  b('logs', ['ctrl-s'], 'save-logs', 'save the buffer to ./<container>-<time>.log', { hint: 'save' }),
  b('logs', ['y'], 'yank', 'copy the current match, else the bottom line, to the clipboard (OSC 52)', { hint: 'yank' }),

  b('inspect', ['/'], 'search', 'search', { hint: 'search' }),
  b('inspect', ['n'], 'next-match', 'next match'),
  b('inspect', ['N'], 'prev-match', 'previous match'),

  b('layers', ['tab'], 'switch-view', 'switch between the layer list and its file tree', { hint: 'tree' }),
  b('layers', ['enter', 'space'], 'toggle-dir', 'collapse or expand the directory (file tree)'),
  b('layers', ['h', 'left'], 'collapse', 'collapse the directory, or go to its parent (file tree)'),
  b('layers', ['l', 'right'], 'expand', 'expand the directory (file tree)'),
  b('layers', ['/'], 'search', 'filter the file tree by path (substring, or /regex/)', { hint: 'filter' }),
  b('layers', ['c'], 'only-changes', "only this layer's changes, or the whole image up to it", { hint: 'changes' }),

  b('session', ['F'], 'pop-out', 'pop out: the session takes the whole terminal; ctrl-] or its end comes back', { hint: 'pop out' }),

  b('build', ['c'], 'cache-panel', 'show or hide why each step was cached or rebuilt', { hint: 'cache' }),

  b('dialog', ['enter', 'y'], 'confirm', 'confirm or run the item'),
  b('dialog', ['esc', 'n', 'q'], 'cancel', 'cancel'),
  b('dialog', ['j', 'down'], 'down', 'next item'),
  b('dialog', ['k', 'up'], 'up', 'previous item'),
  b('dialog', ['tab'], 'next-option', 'next option'),

  b('filter', ['enter'], 'confirm', 'keep the filter'),
  b('filter', ['esc'], 'cancel', 'clear the filter'),

  b('repl', ['enter'], 'run', 'run the command'),
  b('repl', ['tab'], 'complete', 'complete verb, flag, container or image'),
  b('repl', ['up'], 'history-prev', 'previous command'),
  b('repl', ['down'], 'history-next', 'next command'),
  b('repl', ['ctrl-r'], 'history-search', 'search history'),
  b('repl', ['ctrl-c'], 'clear-line', 'clear the line'),
  b('repl', ['esc'], 'cancel', 'leave the command line'),

  b('terminal', ['ctrl-]'], 'leave-terminal', 'back to the panes; the session keeps running'),
  b('terminal', ['ctrl-p ctrl-q'], 'detach', 'detach from attach / run -it (as docker)', { passthrough: true }),

  b('help', ['esc', '?', 'q'], 'cancel', 'close help'),
  b('help', ['j', 'down'], 'down', 'scroll down'),
  b('help', ['k', 'up'], 'up', 'scroll up'),
];

/** The first binding for `key` in the first scope that has one. */
export function lookup(key: string, scopes: Scope[], table: Binding[] = KEYMAP): Binding | undefined {
  for (const scope of scopes) {
    const hit = table.find((e) => e.scope === scope && !e.passthrough && e.keys.includes(key));
    if (hit) return hit;
  }
  return undefined;
}

/** Bindings of one scope, for the `x` menu and the help overlay. */
export function bindingsOf(scope: Scope, table: Binding[] = KEYMAP): Binding[] {
  return table.filter((e) => e.scope === scope);
}

/** The first key bound to `action` in `scope`, for hints. */
export function keyFor(action: Action, scope: Scope, table: Binding[] = KEYMAP): string | undefined {
  return table.find((e) => e.scope === scope && e.action === action)?.keys[0];
}

/** "s stop · S start · …" for the hint line, from the scopes in order. */
export function hintLine(scopes: Scope[], table: Binding[] = KEYMAP): string {
  return scopes.flatMap((sc) => table.filter((e) => e.scope === sc && e.hint && e.keys.length).map((e) => `${e.keys[0]} ${e.hint}`)).join(' · ');
}
