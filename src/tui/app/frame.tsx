/**
 * A bordered box whose top border carries a title (Ink borders have none): the top line is drawn
 * here, the sides and bottom by Ink with the theme's border style (round, or classic ASCII).
 */
import type { ReactNode } from 'react';
import { Box, Text } from 'ink';
import { useTheme } from '../theme/context.js';
import type { Token } from '../theme/theme.js';
import { textWidth } from '../panes/format.js';

export interface Segment {
  text: string;
  token?: Token;
  bold?: boolean;
  inverse?: boolean;
}

export interface FrameProps {
  title: Segment[];
  width: number;
  height: number;
  focused: boolean;
  borderToken?: Token;
  children?: ReactNode;
}

export function Frame({ title, width, height, focused, borderToken, children }: FrameProps) {
  const theme = useTheme();
  const border = theme.color(borderToken ?? (focused ? 'border.focused' : 'border.unfocused'));
  const [left, line, right] = theme.ascii ? ['+', '-', '+'] : ['╭', '─', '╮'];
  // Titles longer than the frame are cut segment by segment so the corners always fit.
  let room = Math.max(0, width - 4);
  const shown: Segment[] = [];
  for (const seg of title) {
    if (room <= 0) break;
    const text = [...seg.text].slice(0, room).join('');
    room -= textWidth(text);
    shown.push({ ...seg, text });
  }
  const used = shown.reduce((n, s) => n + textWidth(s.text), 0);
  const fill = Math.max(0, width - 3 - used - (used > 0 ? 1 : 0));
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text wrap="truncate">
        <Text color={border}>{left}{line}</Text>
        {shown.map((s, i) => (
          <Text key={i} color={theme.color(s.token ?? (focused ? 'title.focused' : 'title.unfocused'))} bold={s.bold ?? focused} inverse={s.inverse}>{s.text}</Text>
        ))}
        <Text color={border}>{used > 0 ? ' ' : ''}{line.repeat(fill)}{right}</Text>
      </Text>
      <Box borderStyle={theme.borderStyle} borderTop={false} borderColor={border} width={width} height={height - 1} flexDirection="column" overflow="hidden">
        {children}
      </Box>
    </Box>
  );
}
