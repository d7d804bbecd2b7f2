/**
 * Logs tab: follows the selected container; `/` filters with highlight, `s` pauses, `t` timestamps,
 * `T`/`A` cycle the tail and since presets (reopening the stream), `w` wraps, ctrl-s saves, `y` yanks.
 */
import { useMemo, useState } from 'react';
import { Box, Text } from 'ink';
import type { Engine } from '../../engine/engine.js';
import { useLogs, type LogEntry } from '../data/use-logs.js';
import { useTheme } from '../theme/context.js';
import { TextView, type ViewLine } from './text-view.js';
import { saveLogLines } from '../../lib/log-file.js';
import { yank } from '../term/osc52.js';

/** `T` cycles these; the first is the default (what the tab opened with before presets). */
export const TAIL_PRESETS: (number | 'all')[] = [500, 1000, 'all', 100];
/** `A` cycles these (seconds; undefined = from the start). */
export const SINCE_PRESETS: { label: string; seconds?: number }[] = [
  { label: 'all' }, { label: '10m', seconds: 600 }, { label: '1h', seconds: 3600 },
];

/** Terminal controls in log text would move Ink's cursor; show them inert. */
export function sanitize(text: string): string {
  return text
    .replace(/\x1b\[[0-9;?]*[ -/]*[@-~]/g, '')
    .replace(/\x1b[\]P^_][^\x07\x1b]*(\x07|\x1b\\)?/g, '')
    .replace(/\t/g, '    ')
    .replace(/[\x00-\x08\x0b-\x1f\x7f]/g, '');
}

export interface LogsViewProps {
  engine: Engine;
  id: string;
  /** For the saved file's name; defaults to the short ID. */
  name?: string;
  running: boolean;
  width: number;
  height: number;
}

export function LogsView(p: LogsViewProps) {
  const theme = useTheme();
  const [tailAt, setTailAt] = useState(0);
  const [sinceAt, setSinceAt] = useState(0);
  const [wrap, setWrap] = useState(false);
  const [note, setNote] = useState<{ text: string; error?: boolean } | null>(null);
  const tail = TAIL_PRESETS[tailAt]!;
  const since = SINCE_PRESETS[sinceAt]!;
  const logs = useLogs(p.engine, p.id, p.running, { tail, sinceSeconds: since.seconds });
  const [follow, setFollow] = useState(true);
  const [timestamps, setTimestamps] = useState(false);
  const save = () => {
    const out = logs.lines.map((l) => (timestamps ? `${l.time} ${l.text}` : l.text));
    saveLogLines(process.cwd(), p.name ?? p.id.slice(0, 12), out).then(
      (path) => setNote({ text: `saved ${out.length} lines to ${path}` }),
      (err: unknown) => setNote({ text: `save failed: ${err instanceof Error ? err.message : String(err)}`, error: true }),
    );
  };
  const onAction = (a: string): boolean => {
    switch (a) {
      case 'timestamps': setTimestamps((t) => !t); setNote(null); return true;
      case 'tail-preset': setTailAt((i) => (i + 1) % TAIL_PRESETS.length); setNote(null); return true;
      case 'since-preset': setSinceAt((i) => (i + 1) % SINCE_PRESETS.length); setNote(null); return true;
      case 'wrap': setWrap((w) => !w); setNote(null); return true;
      case 'save-logs': save(); return true;
      default: return false;
    }
  };
  // Formatting is memoised per entry: a flush formats only the lines that arrived since the last.
  const formatted = useMemo(() => new WeakMap<LogEntry, ViewLine>(), [timestamps]);
  const lines = useMemo<ViewLine[]>(() => logs.lines.map((l) => {
    const done = formatted.get(l);
    if (done) return done;
    const text = sanitize(l.text);
    const line: ViewLine = [];
    if (timestamps) line.push({ text: `${l.time} `, token: 'text.dim' });
    line.push({ text, token: l.stream === 'stderr' ? 'warning' : undefined });
    formatted.set(l, line);
    return line;
  }), [logs.lines, timestamps, formatted]);
  const status = note ? [note.text] : [
    follow ? 'following' : 'paused (G resumes)',
    `tail ${tail}`,
    `since ${since.label}`,
    wrap ? 'wrap' : '',
    timestamps ? 'timestamps' : '',
    logs.ended ? 'stream ended' : '',
    logs.error ? `error: ${logs.error}` : '',
  ].filter(Boolean).join(' · ');
  return (
    <Box flexDirection="column" width={p.width} height={p.height}>
      <TextView lines={lines} width={p.width} height={p.height - 1} stickBottom filterMode
        onFollowChange={setFollow} wrap={wrap}
        onYank={(text) => { yank(text); setNote({ text: `copied ${text.length} chars to the clipboard` }); }}
        onAction={onAction}
        emptyText={logs.ended ? '(no output)' : '(waiting for output…)'} />
      <Text color={theme.color(logs.error || note?.error ? 'error' : 'text.dim')} wrap="truncate">{status}</Text>
    </Box>
  );
}
