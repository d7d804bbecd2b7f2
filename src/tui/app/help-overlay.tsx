/** The `?` overlay: the keymap table, grouped by where the keys apply (same source as the docs). */
import { Box, Text } from 'ink';
import { Frame } from './frame.js';
import { useTheme } from '../theme/context.js';
import { helpSections } from '../keymap/docs.js';
import { KEYMAP, type Binding } from '../keymap/bindings.js';
import { fit } from '../panes/format.js';

/** The notice the shell opens with when the config file had problems: the first, and how many more. */
export function configNotice(warnings: string[] = []): { text: string; level: 'warning' } | undefined {
  if (!warnings.length) return undefined;
  return { text: `${warnings[0]}${warnings.length > 1 ? ` (+${warnings.length - 1} more: ? shows them)` : ''}`, level: 'warning' };
}

type HelpLine = { text: string; header?: boolean; warning?: boolean };

/** The overlay's lines for the effective keymap; config warnings first, so a typo is explained. */
export function helpLines(table: Binding[] = KEYMAP, warnings: string[] = []): HelpLine[] {
  const out: HelpLine[] = [];
  if (warnings.length) {
    out.push({ text: 'Config file warnings (these entries were skipped)', header: true });
    for (const w of warnings) out.push({ text: `  ${w}`, warning: true });
    out.push({ text: '' });
  }
  for (const s of helpSections(table)) {
    out.push({ text: s.title, header: true });
    for (const r of s.rows) out.push({ text: `  ${(r.keys || '(no key)').padEnd(18)} ${r.help}` });
    out.push({ text: '' });
  }
  return out;
}

export interface HelpOverlayProps {
  width: number;
  height: number;
  scroll: number;
  keymap?: Binding[];
  warnings?: string[];
}

export function HelpOverlay({ width, height, scroll, keymap, warnings }: HelpOverlayProps) {
  const theme = useTheme();
  const lines = helpLines(keymap, warnings);
  const room = Math.max(1, height - 2);
  const start = Math.max(0, Math.min(scroll, lines.length - room));
  return (
    <Frame title={[{ text: 'Help — keys (j/k scroll, esc close)' }]} width={width} height={height} focused borderToken="dialog.border">
      <Box flexDirection="column" paddingX={1}>
        {lines.slice(start, start + room).map((l, i) => (
          <Text key={start + i} wrap="truncate" bold={l.header}
            color={l.header ? theme.color('text.header') : l.warning ? theme.color('warning') : undefined}>{fit(l.text, width - 4)}</Text>
        ))}
      </Box>
    </Frame>
  );
}
