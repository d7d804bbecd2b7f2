/** The one generic list: every side pane is a PaneConfig rendered by this component. */
import { Box, Text } from 'ink';
import { Frame, type Segment } from '../app/frame.js';
import { useTheme } from '../theme/context.js';
import { layoutColumns, type PaneConfig } from './columns.js';
import { fit } from './format.js';

export interface ListPaneProps<T> {
  config: PaneConfig<T>;
  rows: T[];
  /** Rows before filtering, for the title count. */
  total: number;
  selected: number;
  marks: string[];
  focused: boolean;
  width: number;
  height: number;
  filter: string;
  /** Shown instead of rows when the list is empty (e.g. why it is empty). */
  emptyText: string;
  now: number;
}

/** First visible row: the selection stays on screen, at the bottom edge when scrolling down. */
export function windowStart(selected: number, visible: number, count: number): number {
  if (visible <= 0 || count <= visible) return 0;
  return Math.min(Math.max(0, selected - visible + 1), count - visible);
}

export function ListPane<T>(p: ListPaneProps<T>) {
  const theme = useTheme();
  const inner = p.width - 2;
  // Two columns for the mark glyph and a space, then the table.
  const placed = layoutColumns(p.config.columns, inner - 2);
  const visible = Math.max(0, p.height - 3);
  const start = windowStart(p.selected, visible, p.rows.length);
  const shown = p.rows.slice(start, start + visible);
  const count = p.rows.length !== p.total ? `${p.rows.length}/${p.total}` : `${p.total}`;
  const title: Segment[] = [
    { text: `[${p.config.jumpKey}] ` , token: 'hint.key', bold: false },
    { text: p.config.title },
    { text: ` (${count})`, bold: false },
  ];
  if (p.filter) title.push({ text: ` /${p.filter}`, token: 'warning', bold: false });
  if (p.marks.length) title.push({ text: ` ${p.marks.length} marked`, token: 'mark', bold: false });
  const ell = theme.glyphs.ellipsis;
  const header = '  ' + placed.map((c) => fit(c.column.header, c.width, ell, c.column.align)).join(' ');
  return (
    <Frame title={title} width={p.width} height={p.height} focused={p.focused}>
      <Text color={theme.color('text.header')} bold wrap="truncate">{fit(header, inner, ell)}</Text>
      {shown.length === 0 ? (
        <Text color={theme.color('text.dim')} wrap="truncate">{fit(`  ${p.emptyText}`, inner, ell)}</Text>
      ) : shown.map((row, i) => {
        const index = start + i;
        const key = p.config.rowKey(row);
        const isSel = index === p.selected;
        const marked = p.marks.includes(key);
        const lead = `${marked ? theme.glyphs.mark : isSel ? theme.glyphs.pointer : ' '} `;
        // The focused pane's selection is a reverse bar; an unfocused pane keeps only the pointer.
        const bar = isSel && p.focused;
        const selStyle = bar
          ? theme.noColor ? { inverse: true } : { color: theme.color('selection.fg'), backgroundColor: theme.color('selection.bg') }
          : {};
        const cells = placed.map((c, j) => {
          const text = fit(c.column.text(row, p.now), c.width, ell, c.column.align);
          const color = bar ? undefined : c.column.color?.(row);
          return (
            <Text key={j} color={color ? theme.color(color) : undefined} dimColor={!bar && !theme.noColor && c.column.dim?.(row)}>
              {j > 0 ? ' ' : ''}{text}
            </Text>
          );
        });
        const used = 2 + placed.reduce((n, c) => n + c.width, 0) + Math.max(0, placed.length - 1);
        return (
          <Box key={key} width={inner}>
            <Text wrap="truncate" {...selStyle}>
              <Text color={marked && !bar ? theme.color('mark') : undefined}>{lead}</Text>
              {cells}
              {' '.repeat(Math.max(0, inner - used))}
            </Text>
          </Box>
        );
      })}
    </Frame>
  );
}
