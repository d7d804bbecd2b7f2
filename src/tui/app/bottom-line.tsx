/** The line above the status bar: the REPL prompt, the `/` filter prompt, or key hints. */
import { Text } from 'ink';
import { useTheme } from '../theme/context.js';
import type { LineState } from '../repl/line-editor.js';
import type { Token } from '../theme/theme.js';
import type { Notice } from './status-bar.js';
import { fit, textWidth } from '../panes/format.js';

export interface BottomLineProps {
  width: number;
  mode: 'repl' | 'filter' | 'search' | 'hints';
  line: LineState;
  /** ctrl-r: the query and what it found. */
  historySearch?: { query: string; match?: string };
  hints: string;
  /** The latest notice takes the line over from the hints (full width, so it is never cut short). */
  notice?: Notice;
}

const LEVEL: Record<Notice['level'], Token> = { info: 'status.fg', success: 'success', warning: 'warning', error: 'error' };

export function BottomLine(p: BottomLineProps) {
  const theme = useTheme();
  if (p.mode === 'hints') {
    if (p.notice) return <Text wrap="truncate" color={theme.color(LEVEL[p.notice.level])}>{fit(p.notice.text, p.width)}</Text>;
    return <Text wrap="truncate" color={theme.color('text.dim')}>{fit(p.hints, p.width)}</Text>;
  }
  if (p.historySearch) {
    const label = `(history search) '${p.historySearch.query}': `;
    return (
      <Text wrap="truncate">
        <Text color={theme.color('repl.prompt')}>{label}</Text>
        <Text>{fit(p.historySearch.match ?? '(no match)', Math.max(0, p.width - textWidth(label)))}</Text>
      </Text>
    );
  }
  const prompt = p.mode === 'repl' ? 'berth> ' : p.mode === 'search' ? 'search /' : 'filter /';
  const room = Math.max(1, p.width - textWidth(prompt) - 1);
  // Keep the cursor on screen for long lines by scrolling the text horizontally.
  const from = Math.max(0, p.line.cursor - room + 1);
  const value = p.line.value.slice(from, from + room);
  const at = p.line.cursor - from;
  return (
    <Text wrap="truncate">
      <Text color={theme.color('repl.prompt')} bold>{prompt}</Text>
      <Text>{value.slice(0, at)}</Text>
      <Text inverse>{value[at] ?? ' '}</Text>
      <Text>{value.slice(at + 1)}</Text>
    </Text>
  );
}
