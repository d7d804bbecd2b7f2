/**
 * A task tab in the main area (pull, push, build): its lines (task-lines.ts), following the end
 * while it runs, scrollable with the main-area keys; `c` toggles a build's cache panel.
 */
import { useState, useSyncExternalStore } from 'react';
import { Box, Text } from 'ink';
import { useTheme } from '../theme/context.js';
import { useMainHandle } from '../main-area/main-handle.js';
import { fit } from '../panes/format.js';
import { buildLines, transferLines } from './task-lines.js';
import type { Task } from './task.js';

export interface TaskViewProps {
  task: Task;
  width: number;
  height: number;
}

export function TaskView({ task, width, height }: TaskViewProps) {
  const theme = useTheme();
  useSyncExternalStore(task.subscribe, () => task.version);
  const [cachePanel, setCachePanel] = useState(false);
  const [back, setBack] = useState(0);
  const lines = task.kind === 'build' ? buildLines(task, width, cachePanel) : transferLines(task, width);
  const maxBack = Math.max(0, lines.length - height);
  useMainHandle({
    action: (a) => {
      if (a === 'cache-panel' && task.kind === 'build') { setCachePanel((v) => !v); setBack(0); return true; }
      const page = Math.max(1, height - 1);
      const by = a === 'up' ? 1 : a === 'down' ? -1 : a === 'page-up' ? page : a === 'page-down' ? -page : a === 'top' ? maxBack : a === 'bottom' ? -maxBack : 0;
      if (!by) return false;
      setBack((b) => Math.max(0, Math.min(maxBack, b + by)));
      return true;
    },
  });
  // The cache panel sits at the end: when it is open, show it rather than the step list's end.
  const start = Math.max(0, lines.length - height - Math.min(back, maxBack));
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      {lines.slice(start, start + height).map((l, i) => (
        <Text key={start + i} wrap="truncate" bold={l.bold} dimColor={l.dim && !theme.noColor}
          color={l.token ? theme.color(l.token) : undefined}>{fit(l.text, width) || ' '}</Text>
      ))}
    </Box>
  );
}
