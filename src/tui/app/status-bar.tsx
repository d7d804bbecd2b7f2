/** The status bar: which engine, counts, mode flags, and completion candidates or key hints. */
import { Box, Text } from 'ink';
import { useTheme } from '../theme/context.js';
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
  hints: string;
  /** Completion candidates of the REPL line, shown here while it is focused. */
  candidates?: string[];
}

export function StatusBar(p: StatusBarProps) {
  const theme = useTheme();
  const counts = `${p.running}/${p.containers} running · ${p.images} images · ${p.volumes === undefined ? 'volumes n/a' : `${p.volumes} volumes`}`;
  const left = `${p.engine}${p.readOnly ? ' · READ-ONLY' : ''}`;
  const right = p.candidates?.length ? p.candidates.join('  ') : p.hints;
  const room = Math.max(0, p.width - textWidth(left) - textWidth(counts) - 6);
  return (
    <Box width={p.width}>
      <Text wrap="truncate">
        <Text color={theme.color('status.engine')} bold>{fit(left, Math.min(textWidth(left), Math.max(10, p.width - 20)))}</Text>
        <Text color={theme.color('status.fg')}>{` ${theme.glyphs.sep} `}{counts}{` ${theme.glyphs.sep} `}</Text>
        <Text color={theme.color(p.candidates?.length ? 'status.fg' : 'text.dim')}>{fit(right, room)}</Text>
      </Text>
    </Box>
  );
}
