/**
 * A session tab: renders the emulator's screen with colours and cursor, resizes the pty to the
 * pane, and (when not focused) lets the main-area keys scroll back through its output.
 */
import { useEffect, useState, useSyncExternalStore } from 'react';
import { Box, Text } from 'ink';
import { useTheme } from '../theme/context.js';
import { useMainHandle } from '../main-area/main-handle.js';
import { screenRows } from './screen.js';
import type { TermSession } from './session.js';

export interface SessionViewProps {
  session: TermSession;
  width: number;
  height: number;
  focused: boolean;
}

export function SessionView({ session, width, height, focused }: SessionViewProps) {
  const theme = useTheme();
  const [back, setBack] = useState(0);
  // Re-render on output; the version counter changes on every coalesced notification.
  useSyncExternalStore((fn) => session.subscribe(fn), () => session.version);
  useEffect(() => { session.resize(width, height); }, [session, width, height]);
  useEffect(() => { if (focused) setBack(0); }, [focused]);
  const maxBack = session.term.buffer.active.baseY;
  useMainHandle({
    action: (a) => {
      const page = Math.max(1, height - 1);
      const by = a === 'up' ? 1 : a === 'down' ? -1 : a === 'page-up' ? page : a === 'page-down' ? -page : a === 'top' ? maxBack : a === 'bottom' ? -maxBack : 0;
      if (!by) return false;
      setBack((b) => Math.max(0, Math.min(maxBack, b + by)));
      return true;
    },
  });
  const rows = screenRows(session.term, { scrollback: back, showCursor: focused && !session.cursorHidden && session.state === 'running', noColor: theme.noColor });
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      {rows.map((runs, y) => (
        <Text key={y} wrap="truncate">
          {runs.length === 0 ? ' ' : runs.map((r, i) => (
            <Text key={i} color={r.fg} backgroundColor={r.bg} bold={r.bold} dimColor={r.dim} italic={r.italic} underline={r.underline}
              inverse={r.cursor ? !r.inverse : r.inverse}>{r.text}</Text>
          ))}
        </Text>
      ))}
    </Box>
  );
}
