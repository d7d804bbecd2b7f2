/**
 * The main area: tabs for the selection (Logs, Stats, Env, Inspect, Top; Layers, Config, Inspect
 * for images) followed by session tabs; a dialog or the help overlay takes its place when open.
 */
import { Text } from 'ink';
import type { Engine } from '../../engine/engine.js';
import type { ContainerSummary, ImageSummary } from '../../engine/types.js';
import { Frame, type Segment } from './frame.js';
import { TABS, TAB_LABELS, type PaneId, type TabId } from './ui-state.js';
import { useTheme } from '../theme/context.js';
import { LogsView } from '../main-area/logs-view.js';
import { InspectView } from '../main-area/inspect-view.js';
import { EnvView } from '../main-area/env-view.js';
import { LayersView } from '../main-area/layers-view.js';
import { StatsView, TopView } from '../main-area/stats-top-view.js';
import { SessionView } from '../session/session-view.js';
import type { TermSession } from '../session/session.js';
import type { Task } from '../tasks/task.js';
import { TaskView } from '../tasks/task-view.js';
import { containerName, imageName, type VolumeRow } from '../panes/pane-configs.js';

export type Selection =
  | { kind: 'containers'; row: ContainerSummary }
  | { kind: 'images'; row: ImageSummary }
  | { kind: 'volumes'; row: VolumeRow }
  | { kind: PaneId; row: undefined };

export interface MainAreaProps {
  engine: Engine;
  pane: PaneId;
  tab: TabId;
  selection: Selection;
  sessions: TermSession[];
  session?: TermSession;
  /** In-process pulls, pushes and builds, as tabs after the sessions. */
  tasks?: Task[];
  task?: Task;
  width: number;
  height: number;
  focused: boolean;
  terminalFocused: boolean;
  emptyText: string;
}

export function selectionTitle(s: Selection): string {
  if (!s.row) return '';
  if (s.kind === 'containers') return containerName(s.row as ContainerSummary);
  if (s.kind === 'images') return imageName(s.row as ImageSummary);
  return (s.row as VolumeRow).Name;
}

function tabSegments(p: MainAreaProps, ascii: boolean): Segment[] {
  const segs: Segment[] = [];
  const active = (on: boolean): Partial<Segment> => (on ? { token: 'tab.active', bold: true, inverse: true } : { token: 'tab.inactive', bold: false });
  for (const t of TABS[p.pane]) {
    if (segs.length) segs.push({ text: ascii ? '|' : '│', token: 'tab.inactive', bold: false });
    segs.push({ text: ` ${TAB_LABELS[t]} `, ...active(!p.session && !p.task && t === p.tab) });
  }
  for (const s of p.sessions) {
    const mark = s.state === 'running' ? (ascii ? '*' : '●') : s.exitCode === 0 ? (ascii ? 'ok' : '✓') : `✗${s.exitCode}`;
    const title = s.title.length > 18 ? `${s.title.slice(0, 17)}…` : s.title;
    segs.push({ text: ascii ? '|' : '│', token: 'tab.inactive', bold: false });
    segs.push({ text: ` ${ascii ? '$' : '⌨'} ${title} ${mark} `, ...active(p.session === s) });
  }
  for (const t of p.tasks ?? []) {
    const mark = t.state === 'running' ? (ascii ? '*' : '●') : t.state === 'waiting' ? '?' : t.state === 'done' ? (ascii ? 'ok' : '✓') : (ascii ? 'x' : '✗');
    const title = t.title.length > 18 ? `${t.title.slice(0, 17)}…` : t.title;
    segs.push({ text: ascii ? '|' : '│', token: 'tab.inactive', bold: false });
    segs.push({ text: ` ${ascii ? (t.kind === 'build' ? '#' : t.kind === 'pull' ? 'v' : '^') : t.kind === 'build' ? '≡' : t.kind === 'pull' ? '↓' : '↑'} ${title} ${mark} `, ...active(p.task === t) });
  }
  return segs;
}

function Body(p: MainAreaProps) {
  const theme = useTheme();
  const w = p.width - 2;
  const h = p.height - 2;
  if (p.task) return <TaskView key={p.task.id} task={p.task} width={w} height={h} />;
  if (p.session) return <SessionView session={p.session} width={w} height={h} focused={p.terminalFocused} />;
  const s = p.selection;
  if (!s.row) return <Text color={theme.color('text.dim')} wrap="truncate">{p.emptyText}</Text>;
  if (s.kind === 'containers') {
    const c = s.row as ContainerSummary;
    const running = c.State === 'running' || c.State === 'paused';
    const version = `${c.State}|${c.Status}`;
    switch (p.tab) {
      case 'logs': return <LogsView key={c.Id} engine={p.engine} id={c.Id} name={containerName(c)} running={running} width={w} height={h} />;
      case 'stats': return <StatsView key={c.Id} engine={p.engine} id={c.Id} running={running} width={w} height={h} />;
      case 'env': return <EnvView key={c.Id} engine={p.engine} kind="containers" id={c.Id} version={version} width={w} height={h} />;
      case 'top': return <TopView key={c.Id} engine={p.engine} id={c.Id} running={running} width={w} height={h} />;
      default: return <InspectView key={c.Id} engine={p.engine} kind="containers" id={c.Id} version={version} width={w} height={h} />;
    }
  }
  if (s.kind === 'images') {
    const i = s.row as ImageSummary;
    const version = i.RepoTags.join(',');
    switch (p.tab) {
      case 'layers': return <LayersView key={i.Id} engine={p.engine} id={i.Id} width={w} height={h} />;
      case 'config': return <EnvView key={i.Id} engine={p.engine} kind="images" id={i.Id} version={version} width={w} height={h} />;
      default: return <InspectView key={i.Id} engine={p.engine} kind="images" id={i.Id} version={version} width={w} height={h} />;
    }
  }
  const v = s.row as VolumeRow;
  return <InspectView key={v.Name} engine={p.engine} kind="volumes" id={v.Name} version="" width={w} height={h} />;
}

export function MainArea(p: MainAreaProps) {
  const theme = useTheme();
  const title = tabSegments(p, theme.ascii);
  const name = p.session || p.task ? '' : selectionTitle(p.selection);
  if (name) title.push({ text: `${theme.ascii ? '-' : '─'} ${name}`, token: 'title.unfocused', bold: false });
  return (
    <Frame title={title} width={p.width} height={p.height} focused={p.focused || p.terminalFocused}>
      <Body {...p} />
    </Frame>
  );
}
