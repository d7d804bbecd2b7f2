/** The `?` overlay: the keymap table, grouped by where the keys apply (same source as the docs). */
import { Box, Text } from 'ink';
import { Frame } from './frame.js';
import { useTheme } from '../theme/context.js';
import { helpSections } from '../keymap/docs.js';
import { fit } from '../panes/format.js';

export function helpLines(): { text: string; header?: boolean }[] {
  const out: { text: string; header?: boolean }[] = [];
  for (const s of helpSections()) {
    out.push({ text: s.title, header: true });
    for (const r of s.rows) out.push({ text: `  ${r.keys.padEnd(18)} ${r.help}` });
    out.push({ text: '' });
  }
  return out;
}

export function HelpOverlay({ width, height, scroll }: { width: number; height: number; scroll: number }) {
  const theme = useTheme();
  const lines = helpLines();
  const room = Math.max(1, height - 2);
  const start = Math.max(0, Math.min(scroll, lines.length - room));
  return (
    <Frame title={[{ text: 'Help — keys (j/k scroll, esc close)' }]} width={width} height={height} focused borderToken="dialog.border">
      <Box flexDirection="column" paddingX={1}>
        {lines.slice(start, start + room).map((l, i) => (
          <Text key={start + i} wrap="truncate" bold={l.header} color={l.header ? theme.color('text.header') : undefined}>{fit(l.text, width - 4)}</Text>
        ))}
      </Box>
    </Frame>
  );
}
