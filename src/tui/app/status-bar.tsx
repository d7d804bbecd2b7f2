/** The status bar: which engine, counts, mode flags, and the latest notice or key hints. */
import { Box, Text } from 'ink';
import { useTheme } from '../theme/context.js';
import type { Token } from '../theme/theme.js';
import { fit, textWidth } from '../panes/format.js';

export interface Notice {
  text: string;
  level: 'info' | 'success' | 'warning' | 'error';
}

export interface StatusBarProps {
  width: number;
  engine: string;
  containers: number;
  running: number;
  images: number;
  volumes: number | undefined;
  readOnly: boolean;
  notice?: Notice;
  hints: string;
}

const LEVEL: Record<Notice['level'], Token> = { info: 'status.fg', success: 'success', warning: 'warning', error: 'error' };

export function StatusBar(p: StatusBarProps) {
  const theme = useTheme();
  const counts = `${p.running}/${p.containers} running · ${p.images} images · ${p.volumes === undefined ? 'volumes n/a' : `${p.volumes} volumes`}`;
  const left = `${p.engine}${p.readOnly ? ' · READ-ONLY' : ''}`;
  const right = p.notice ? p.notice.text : p.hints;
  const room = Math.max(0, p.width - textWidth(left) - textWidth(counts) - 6);
  return (
    <Box width={p.width}>
      <Text wrap="truncate">
        <Text color={theme.color('status.engine')} bold>{fit(left, Math.min(textWidth(left), Math.max(10, p.width - 20)))}</Text>
        <Text color={theme.color('status.fg')}>{' │ '}{counts}{' │ '}</Text>
        <Text color={theme.color(p.notice ? LEVEL[p.notice.level] : 'text.dim')}>{fit(right, room)}</Text>
      </Text>
    </Box>
  );
}
