/** The line above the status bar: the REPL prompt, the `/` filter prompt, or key hints. */
import { Text } from 'ink';
import { useTheme } from '../theme/context.js';
import type { LineState } from '../repl/line-editor.js';
import { fit, textWidth } from '../panes/format.js';

export interface BottomLineProps {
  width: number;
  mode: 'repl' | 'filter' | 'search' | 'hints';
  line: LineState;
  /** ctrl-r: the query and what it found. */
  historySearch?: { query: string; match?: string };
  hints: string;
  candidates: string[];
}

export function BottomLine(p: BottomLineProps) {
  const theme = useTheme();
  if (p.mode === 'hints') {
    const text = p.candidates.length ? p.candidates.join('  ') : p.hints;
    return <Text wrap="truncate" color={theme.color('text.dim')}>{fit(text, p.width)}</Text>;
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
