/** Logs tab: follows the selected container; `/` filters with highlight, `s` pauses, `t` timestamps. */
import { useMemo, useState } from 'react';
import { Box, Text } from 'ink';
import type { Engine } from '../../engine/engine.js';
import { useLogs } from '../data/use-logs.js';
import { useTheme } from '../theme/context.js';
import { TextView, type ViewLine } from './text-view.js';

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
  running: boolean;
  width: number;
  height: number;
}

export function LogsView(p: LogsViewProps) {
  const theme = useTheme();
  const logs = useLogs(p.engine, p.id, p.running);
  const [follow, setFollow] = useState(true);
  const [timestamps, setTimestamps] = useState(false);
  const lines = useMemo<ViewLine[]>(() => logs.lines.map((l) => {
    const text = sanitize(l.text);
    const line: ViewLine = [];
    if (timestamps) line.push({ text: `${l.time} `, token: 'text.dim' });
    line.push({ text, token: l.stream === 'stderr' ? 'warning' : undefined });
    return line;
  }), [logs.lines, timestamps]);
  const status = [
    follow ? 'following' : 'paused (G resumes)',
    timestamps ? 'timestamps' : '',
    logs.ended ? 'stream ended' : '',
    logs.error ? `error: ${logs.error}` : '',
  ].filter(Boolean).join(' · ');
  return (
    <Box flexDirection="column" width={p.width} height={p.height}>
      <TextView lines={lines} width={p.width} height={p.height - 1} stickBottom filterMode
        onFollowChange={setFollow}
        onAction={(a) => { if (a === 'timestamps') { setTimestamps((t) => !t); return true; } return false; }}
        emptyText={logs.ended ? '(no output)' : '(waiting for output…)'} />
      <Text color={theme.color(logs.error ? 'error' : 'text.dim')} wrap="truncate">{status}</Text>
    </Box>
  );
}
