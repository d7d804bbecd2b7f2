/**
 * The berth shell: side panes (Containers, Images, Volumes), the main area with tabs and sessions,
 * the command line and the status bar. Data comes from the Engine, kept live by its events; keys
 * go through the keymap (key-handler.ts); actions through actions/.
 */
import { useEffect, useMemo, useRef, useSyncExternalStore } from 'react';
import { Box, Text } from 'ink';
import type { Engine } from '../../engine/engine.js';
import type { LineHistory } from '../../lib/line-history.js';
import type { CommandSupport } from '../launch.js';
import { KEYMAP, type Action, type Binding, type Scope } from '../keymap/bindings.js';
import { useEngineData, type DataOptions } from '../data/use-engine-data.js';
import { filterRows } from '../panes/columns.js';
import { containerName, containersPane, imagesPane, sortContainers, sortImages, volumesPane } from '../panes/pane-configs.js';
import { shortId } from '../panes/format.js';
import { ListPane } from '../panes/list-pane.js';
import { DialogView, type Dialog } from '../dialogs/dialog.js';
import { MainHandleContext, type MainHandle } from '../main-area/main-handle.js';
import { useRepl } from '../repl/use-repl.js';
import { emptyLine } from '../repl/line-editor.js';
import type { SessionManager } from '../session/manager.js';
import type { ActionContext } from '../actions/context.js';
import { actionMenu, bulkMenu, runPaneAction } from '../actions/dispatch.js';
import { computeLayout } from './layout.js';
import { useRawInput, useTerminalSize } from './hooks.js';
import { useSyncReducer, useSyncState } from './sync-state.js';
import { initialUi, PANES, selectedIndex, uiReducer, type PaneId } from './ui-state.js';
import { handleRaw, hintsFor, statusHints, type FilterLine } from './key-handler.js';
import { MainArea, type Selection } from './main-area.js';
import { StatusBar, type Notice } from './status-bar.js';
import { yank } from '../term/osc52.js';
import { BottomLine } from './bottom-line.js';
import { HelpOverlay, configNotice } from './help-overlay.js';
import { runLine } from './run-line.js';
import { TaskManager } from '../tasks/task.js';
import { registryAction, type RegistryDeps } from '../tasks/registry-tasks.js';
import { runInProcess } from '../tasks/repl-tasks.js';
import type { Handover } from '../term/handover.js';
import { popOutSession } from './pop-out.js';

export interface AppProps {
  engine: Engine;
  commands: CommandSupport;
  sessions: SessionManager;
  readOnly?: boolean;
  history?: LineHistory;
  onQuit(): void;
  /** Fixed size (tests); otherwise the terminal's, following resizes. */
  size?: { columns: number; rows: number };
  dataOptions?: DataOptions;
  /** The keymap after the config file's remapping (default: the built-in table). */
  keymap?: Binding[];
  /** Problems found in the config file's "tui" section: shown at start and in the ? overlay. */
  configWarnings?: string[];
  /** Pop-out: hands the real terminal to a session (term/handover.ts); absent in frame tests. */
  handover?: Handover;
  /** In-process pulls, pushes and builds shown as tabs (tests pass their own to watch them). */
  tasks?: TaskManager;
}

const ACTIVE = new Set(['running', 'paused', 'restarting']);

export function App(p: AppProps) {
  const size = useTerminalSize(p.size);
  const ui = useSyncReducer(uiReducer, initialUi);
  const data = useEngineData(p.engine, p.dataOptions);
  const sessions = useSyncExternalStore((fn) => p.sessions.subscribe(fn), () => p.sessions.list());
  const tasks = useMemo(() => p.tasks ?? new TaskManager(), []); // eslint-disable-line react-hooks/exhaustive-deps
  const taskList = useSyncExternalStore(tasks.subscribe, tasks.list);
  const dialog = useSyncState<{ d: Dialog; index: number } | null>(null);
  // The config file's warnings are the first notice (all of them are in the ? overlay).
  const notice = useSyncState<Notice | undefined>(() => configNotice(p.configWarnings));
  const filter = useSyncState<FilterLine | null>(null);
  const helpScroll = useSyncState(0);
  const mainHandle = useRef<MainHandle | null>(null);
  const lastCtrlC = useRef(0);
  const s = ui.value;
  const keymap = p.keymap ?? KEYMAP;
  const now = Date.now();

  const rows = {
    containers: useMemo(() => filterRows(sortContainers(data.containers).filter((c) => s.showStopped || ACTIVE.has(c.State)), containersPane, s.filter.containers),
      [data.containers, s.showStopped, s.filter.containers]),
    images: useMemo(() => filterRows(sortImages(data.images), imagesPane, s.filter.images), [data.images, s.filter.images]),
    volumes: useMemo(() => filterRows(data.volumes, volumesPane, s.filter.volumes), [data.volumes, s.filter.volumes]),
  };
  const keys: Record<PaneId, string[]> = {
    containers: rows.containers.map((r) => r.Id), images: rows.images.map((r) => r.Id), volumes: rows.volumes.map((r) => r.Name),
  };
  const keySig = PANES.map((pane) => keys[pane].join(',')).join('|');
  useEffect(() => { for (const pane of PANES) ui.dispatch({ type: 'sync', pane, keys: keys[pane] }); }, [keySig]); // eslint-disable-line react-hooks/exhaustive-deps

  const sel = (pane: PaneId) => selectedIndex(ui.get(), pane, keys[pane]);
  const selection: Selection = s.pane === 'containers' ? { kind: 'containers', row: rows.containers[sel('containers')]! }
    : s.pane === 'images' ? { kind: 'images', row: rows.images[sel('images')]! } : { kind: 'volumes', row: rows.volumes[sel('volumes')]! };

  const layout = computeLayout(size.columns, size.rows, s.pane);

  const notify = (text: string, level: Notice['level'] = 'info') => notice.set({ text, level });
  useEffect(() => {
    if (!notice.value) return;
    const t = setTimeout(() => notice.set(undefined), notice.value.level === 'error' ? 10_000 : 5000);
    return () => clearTimeout(t);
  }, [notice.value]); // eslint-disable-line react-hooks/exhaustive-deps

  // A session that ends gives the keyboard back and says how it ended.
  const liveSessions = useRef(new Set<string>());
  useEffect(() => {
    for (const x of sessions) {
      if (x.state === 'running') liveSessions.current.add(x.id);
      else if (liveSessions.current.delete(x.id)) {
        const st = ui.get();
        if (st.focus === 'terminal' && st.session === x.id) ui.dispatch({ type: 'set-focus', focus: 'panes' });
        notify(`"${x.title}" exited ${x.exitCode ?? '?'}`, x.exitCode === 0 ? 'success' : 'warning');
      }
    }
  }, [sessions]); // eslint-disable-line react-hooks/exhaustive-deps

  const quit = () => { p.sessions.disposeAll(); tasks.disposeAll(); p.onQuit(); };

  const popOut = (id: string) => popOutSession({ sessions: p.sessions, handover: p.handover, keymap, dispatch: ui.dispatch, notify }, id);

  const startSession = (args: string[], title: string, interactive: boolean, poppedOut = false) => {
    p.sessions.start(args, { title, interactive, cols: layout.inner.cols, rows: layout.inner.rows }).then((x) => {
      ui.dispatch({ type: 'show-session', id: x.id });
      if (poppedOut) popOut(x.id);
      else if (x.state === 'running') ui.dispatch({ type: 'set-focus', focus: 'terminal' });
    }, (err: unknown) => notify(`could not start berth: ${err instanceof Error ? err.message : String(err)}`, 'error'));
  };

  const registry: RegistryDeps = { engine: p.engine, tasks, notify, refresh: data.refresh,
    openDialog: (d) => dialog.set({ d, index: 0 }), showTask: (id) => ui.dispatch({ type: 'show-session', id }) };
  const tabIds = () => [...p.sessions.list().map((x) => x.id), ...tasks.list().map((t) => t.id)];

  const targets = <T,>(pane: PaneId, list: T[], key: (t: T) => string): T[] => {
    const st = ui.get();
    const marked = list.filter((r) => st.marks[pane].includes(key(r)));
    if (marked.length) return marked;
    const one = list[selectedIndex(st, pane, keys[pane])];
    return one ? [one] : [];
  };
  const actionCtx = (): ActionContext => ({
    engine: p.engine, commands: p.commands, readOnly: !!p.readOnly,
    containers: ui.get().pane === 'containers' ? targets('containers', rows.containers, (c) => c.Id) : [],
    images: ui.get().pane === 'images' ? targets('images', rows.images, (i) => i.Id) : [],
    volumes: ui.get().pane === 'volumes' ? targets('volumes', rows.volumes, (v) => v.Name) : [],
    allContainers: data.containers, allImages: data.images, allVolumes: data.volumes, volumesSupported: data.volumesSupported,
    openDialog: (d) => dialog.set({ d, index: 0 }),
    notify, refresh: data.refresh, clearMarks: () => ui.dispatch({ type: 'clear-marks' }), startSession, keymap,
  });

  const repl = useRepl({
    commands: p.commands, store: p.history,
    names: {
      containers: data.containers.flatMap((c) => [containerName(c), shortId(c.Id)]),
      images: data.images.flatMap((i) => [...i.RepoTags.filter((t) => t !== '<none>:<none>'), shortId(i.Id)]),
      volumes: data.volumes.map((v) => v.Name),
    },
    onSubmit: (line) => {
      ui.dispatch({ type: 'set-focus', focus: 'panes' });
      runLine(line, {
        commands: p.commands, readOnly: !!p.readOnly, notify, quit, startSession,
        inProcess: (words, text) => !!p.commands.parse && runInProcess(p.commands.parse(words), text, registry, process.cwd()),
      });
    },
    onClose: () => ui.dispatch({ type: 'set-focus', focus: 'panes' }),
    keymap,
  });

  const openFilter = (target: 'pane' | 'main') => {
    const st = ui.get();
    const text = target === 'pane' ? st.filter[st.pane] : mainHandle.current?.query ?? '';
    filter.set({ line: { value: text, cursor: text.length }, target, back: st.focus });
    ui.dispatch({ type: 'set-focus', focus: 'filter' });
  };

  const doAction = (action: Action, scope: Scope) => {
    const st = ui.get();
    const main = () => mainHandle.current?.action(action);
    const move = (delta: number) => ui.dispatch({ type: 'move', delta, keys: keys[st.pane] });
    switch (action) {
      case 'quit': return quit();
      case 'interrupt':
        if (Date.now() - lastCtrlC.current < 2000) return quit();
        lastCtrlC.current = Date.now();
        return notify('press ctrl-c again to quit (or q)', 'warning');
      case 'help': helpScroll.set(0); return ui.dispatch({ type: 'help', open: true });
      case 'repl': repl.reset(); return ui.dispatch({ type: 'set-focus', focus: 'repl' });
      case 'action-menu': {
        const paneScope: Scope = st.pane;
        return dialog.set({ d: actionMenu(paneScope, actionCtx(), (a) => doAction(a, paneScope)), index: 0 });
      }
      case 'bulk-menu': return dialog.set({ d: bulkMenu(actionCtx()), index: 0 });
      case 'focus-containers': return ui.dispatch({ type: 'focus-pane', pane: 'containers' });
      case 'focus-images': return ui.dispatch({ type: 'focus-pane', pane: 'images' });
      case 'focus-volumes': return ui.dispatch({ type: 'focus-pane', pane: 'volumes' });
      case 'next-pane': return ui.dispatch({ type: 'cycle-pane', delta: 1 });
      case 'prev-pane': return ui.dispatch({ type: 'cycle-pane', delta: -1 });
      case 'down': return scope === 'main' ? void main() : move(1);
      case 'up': return scope === 'main' ? void main() : move(-1);
      case 'top': return scope === 'main' ? void main() : ui.dispatch({ type: 'move-to', index: 0, keys: keys[st.pane] });
      case 'bottom': return scope === 'main' ? void main() : ui.dispatch({ type: 'move-to', index: -1, keys: keys[st.pane] });
      case 'page-down': case 'page-up': case 'next-match': case 'prev-match': case 'follow': case 'timestamps':
      case 'switch-view': case 'toggle-dir': case 'collapse': case 'expand': case 'only-changes':
      case 'tail-preset': case 'since-preset': case 'wrap': case 'save-logs':
        return void main();
      case 'yank': {
        if (scope !== 'containers') return void main();
        const c = targets('containers', rows.containers, (x) => x.Id)[0];
        if (!c) return;
        yank(c.Id);
        return notify(`copied ${shortId(c.Id)} to the clipboard`, 'success');
      }
      case 'next-tab': return ui.dispatch({ type: 'cycle-tab', delta: 1, sessions: tabIds() });
      case 'prev-tab': return ui.dispatch({ type: 'cycle-tab', delta: -1, sessions: tabIds() });
      case 'pull': case 'push': case 'login':
        return registryAction(registry, action, targets('images', rows.images, (x) => x.Id)[0]?.RepoTags);
      case 'cache-panel': return void main();
      case 'pop-out': return st.session ? popOut(st.session) : undefined;
      case 'focus-main': {
        const x = p.sessions.get(st.session);
        return ui.dispatch({ type: 'set-focus', focus: x && x.state === 'running' ? 'terminal' : 'main' });
      }
      case 'mark': return ui.dispatch({ type: 'toggle-mark', keys: keys[st.pane] });
      case 'filter': return openFilter('pane');
      case 'search': return openFilter('main');
      case 'back':
        if (scope === 'main') return ui.dispatch({ type: 'set-focus', focus: 'panes' });
        ui.dispatch({ type: 'set-filter', pane: st.pane, text: '' });
        return ui.dispatch({ type: 'clear-marks' });
      case 'sessions': {
        const last = tabIds().at(-1);
        return last ? ui.dispatch({ type: 'show-session', id: last }) : notify('no sessions yet: run a command with :', 'info');
      }
      case 'close-session':
        if (!st.session) return;
        if (tasks.get(st.session)) tasks.close(st.session);
        else p.sessions.close(st.session);
        return ui.dispatch({ type: 'show-session', id: null });
      case 'refresh': data.refresh(); return notify('reloaded', 'info');
      case 'toggle-stopped':
        ui.dispatch({ type: 'toggle-stopped' });
        return notify(st.showStopped ? 'hiding stopped containers (e shows them)' : 'showing all containers', 'info');
      default:
        runPaneAction(action, actionCtx());
    }
  };

  useRawInput((raw) => (p.handover?.active ? p.handover.input(raw) : handleRaw({
    ui, dialog, filter, helpScroll, sessions: p.sessions, readOnly: !!p.readOnly, repl,
    applyFilter: (target, text) => (target === 'pane'
      ? ui.dispatch({ type: 'set-filter', pane: ui.get().pane, text })
      : mainHandle.current?.search?.(text)),
    doAction, notify, keymap,
  }, raw)));

  if (layout.tooSmall) {
    return <Text>{`berth needs at least 60×16; this terminal is ${size.columns}×${size.rows}. Enlarge it, or press q to quit.`}</Text>;
  }

  const shown = p.sessions.get(s.session);
  const shownTask = tasks.get(s.session);
  const paneProps = { focused: false, width: layout.sideWidth, now };
  const paneFocus = (pane: PaneId) => s.pane === pane && (s.focus === 'panes' || s.focus === 'filter' && filter.value?.target === 'pane');
  const running = data.containers.filter((c) => c.State === 'running').length;
  const hints = hintsFor(s, keymap);
  const bottomMode = s.focus === 'repl' ? 'repl' : s.focus === 'filter' ? (filter.value?.target === 'main' ? 'search' : 'filter') : 'hints';
  const emptyContainers = !data.loaded ? 'loading…' : s.filter.containers ? 'no match' : s.showStopped ? 'no containers: try :run -d busybox sleep 1d' : 'no running containers (e shows all)';
  const emptyImages = !data.loaded ? 'loading…' : s.filter.images ? 'no match' : 'no images: try :image demo';
  const emptyVolumes = data.volumesSupported ? (data.loaded ? 'no volumes' : 'loading…') : 'volumes: not supported yet by this engine';

  return (
    <MainHandleContext.Provider value={mainHandle}>
      <Box flexDirection="column" width={layout.cols} height={layout.frameRows}>
        {s.help ? <HelpOverlay width={layout.cols} height={layout.bodyHeight} scroll={helpScroll.value} keymap={keymap} warnings={p.configWarnings} /> : null}
        <Box flexDirection="row" height={layout.bodyHeight} display={s.help ? 'none' : 'flex'}>
          <Box flexDirection="column" width={layout.sideWidth}>
            <ListPane config={containersPane} rows={rows.containers} total={data.containers.length} selected={sel('containers')} marks={s.marks.containers}
              filter={s.filter.containers} emptyText={emptyContainers} height={layout.paneHeights.containers} {...paneProps} focused={paneFocus('containers')} />
            <ListPane config={imagesPane} rows={rows.images} total={data.images.length} selected={sel('images')} marks={s.marks.images}
              filter={s.filter.images} emptyText={emptyImages} height={layout.paneHeights.images} {...paneProps} focused={paneFocus('images')} />
            <ListPane config={volumesPane} rows={rows.volumes} total={data.volumes.length} selected={sel('volumes')} marks={s.marks.volumes}
              filter={s.filter.volumes} emptyText={emptyVolumes} height={layout.paneHeights.volumes} {...paneProps} focused={paneFocus('volumes')} />
          </Box>
          {dialog.value ? <DialogView dialog={dialog.value.d} index={dialog.value.index} width={layout.mainWidth} height={layout.bodyHeight} />
              : <MainArea engine={p.engine} pane={s.pane} tab={s.tab[s.pane]} selection={selection} sessions={sessions} session={shown} tasks={taskList} task={shownTask}
                width={layout.mainWidth} height={layout.bodyHeight} focused={s.focus === 'main'} terminalFocused={s.focus === 'terminal'}
                emptyText={s.pane === 'volumes' && !data.volumesSupported ? 'Volumes arrive with the volumes issue; nothing to show yet.' : 'nothing selected'} />}
        </Box>
        <BottomLine width={layout.cols} mode={bottomMode} line={s.focus === 'repl' ? repl.line : filter.value?.line ?? emptyLine}
          historySearch={s.focus === 'repl' ? repl.search : undefined} hints={hints}
          notice={notice.value ?? (data.error ? { text: data.error, level: 'error' } : undefined)} />
        <StatusBar width={layout.cols} engine={p.engine.description} containers={data.containers.length} running={running}
          images={data.images.length} volumes={data.volumesSupported ? data.volumes.length : undefined} readOnly={!!p.readOnly}
          candidates={s.focus === 'repl' ? repl.candidates : undefined} hints={statusHints(keymap)} />
      </Box>
    </MainHandleContext.Provider>
  );
}
