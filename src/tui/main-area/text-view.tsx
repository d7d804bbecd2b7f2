/**
 * A scrollable, searchable block of styled lines: the body of the Logs, Inspect, Env and Layers
 * tabs. It registers a handle so the App can forward scroll and search keys while it is shown.
 * Search highlights matches and n/N jump between them; in filter mode only matching lines stay.
 */
import { useEffect, useMemo, useState } from 'react';
import { Box, Text } from 'ink';
import type { Action } from '../keymap/bindings.js';
import { useTheme } from '../theme/context.js';
import type { Segment } from '../app/frame.js';
import { fit } from '../panes/format.js';
import { useMainHandle } from './main-handle.js';

export type ViewLine = (Segment & { dim?: boolean })[];

export interface TextViewProps {
  lines: ViewLine[];
  width: number;
  height: number;
  /** Start at the bottom and stay there while new lines arrive (logs). */
  stickBottom?: boolean;
  /** `/` keeps only matching lines instead of jumping between them. */
  filterMode?: boolean;
  /** Follow toggled by the Logs tab's `s`; scrolling up pauses it, G resumes. */
  onFollowChange?(follow: boolean): void;
  onAction?(a: Action): boolean;
  emptyText?: string;
  /** Long lines continue on the next rows instead of being cut at the edge (logs' `w`). */
  wrap?: boolean;
  /** `y`: receives the current match's line, else the bottom shown line. */
  onYank?(text: string): void;
}

/** `/re/` is a case-insensitive regex; anything else a case-insensitive substring. */
export function compileQuery(q: string): RegExp | undefined {
  if (!q) return undefined;
  const m = /^\/(.+)\/$/.exec(q);
  try {
    return new RegExp(m ? m[1]! : q.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi');
  } catch {
    return new RegExp(q.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi');
  }
}

const lineText = (l: ViewLine) => l.map((s) => s.text).join('');

/** Splits segments so the parts matching `re` are marked `match`. */
export function highlight(line: ViewLine, re: RegExp | undefined): (Segment & { dim?: boolean; match?: boolean })[] {
  if (!re) return line;
  const out: (Segment & { dim?: boolean; match?: boolean })[] = [];
  for (const seg of line) {
    let last = 0;
    for (const m of seg.text.matchAll(re)) {
      if (m[0] === '') continue;
      if (m.index! > last) out.push({ ...seg, text: seg.text.slice(last, m.index) });
      out.push({ ...seg, text: m[0], match: true });
      last = m.index! + m[0].length;
    }
    if (last < seg.text.length) out.push({ ...seg, text: seg.text.slice(last) });
  }
  return out;
}

/** Splits a styled line into rows of at most `width` code points, keeping each segment's style. */
export function wrapLine(line: ViewLine, width: number): ViewLine[] {
  if (width <= 0) return [line];
  const rows: ViewLine[] = [[]];
  let used = 0;
  for (const seg of line) {
    let chars = [...seg.text];
    while (chars.length) {
      if (used === width) { rows.push([]); used = 0; }
      const take = chars.slice(0, width - used);
      rows[rows.length - 1]!.push({ ...seg, text: take.join('') });
      used += take.length;
      chars = chars.slice(take.length);
    }
  }
  return rows;
}

export function TextView(p: TextViewProps) {
  const theme = useTheme();
  const [top, setTop] = useState<number | null>(p.stickBottom ? null : 0);
  const [query, setQuery] = useState('');
  const [matchAt, setMatchAt] = useState(-1);
  const re = useMemo(() => compileQuery(query), [query]);
  const kept = useMemo(() => (p.filterMode && re ? p.lines.filter((l) => { re.lastIndex = 0; return re.test(lineText(l)); }) : p.lines), [p.lines, p.filterMode, re]);
  // Wrapping happens after filtering, so a match is tested against the whole line.
  const lines = useMemo(() => (p.wrap ? kept.flatMap((l) => wrapLine(l, p.width)) : kept), [kept, p.wrap, p.width]);
  const matches = useMemo(() => {
    if (!re) return [];
    const hits: number[] = [];
    lines.forEach((l, i) => { re.lastIndex = 0; if (re.test(lineText(l))) hits.push(i); });
    return hits;
  }, [lines, re]);
  const maxTop = Math.max(0, lines.length - p.height);
  const start = top === null ? maxTop : Math.min(top, maxTop);

  const scrollTo = (t: number | null) => {
    if (t === null || t >= maxTop) {
      setTop(p.stickBottom ? null : maxTop);
      if (p.stickBottom) p.onFollowChange?.(true);
    } else {
      setTop(Math.max(0, t));
      if (p.stickBottom) p.onFollowChange?.(false);
    }
  };
  const jump = (dir: 1 | -1) => {
    if (!matches.length) return;
    const cur = matchAt < 0 ? (dir > 0 ? -1 : matches.length) : matchAt;
    const next = (cur + dir + matches.length) % matches.length;
    setMatchAt(next);
    const line = matches[next]!;
    if (line < start || line >= start + p.height) setTop(Math.max(0, Math.min(maxTop, line - Math.floor(p.height / 3))));
  };

  useMainHandle({
    action: (a) => {
      if (p.onAction?.(a)) return true;
      switch (a) {
        case 'down': scrollTo(start + 1); return true;
        case 'up': scrollTo(start - 1); return true;
        case 'page-down': scrollTo(start + Math.max(1, p.height - 1)); return true;
        case 'page-up': scrollTo(start - Math.max(1, p.height - 1)); return true;
        case 'top': scrollTo(0); return true;
        case 'bottom': scrollTo(null); return true;
        case 'next-match': jump(1); return true;
        case 'yank': {
          if (!p.onYank) return false;
          const at = matchAt >= 0 ? matches[matchAt] : Math.min(lines.length, start + p.height) - 1;
          const row = at === undefined || at < 0 ? undefined : lines[at];
          if (row) p.onYank(lineText(row));
          return true;
        }
        case 'prev-match': jump(-1); return true;
        case 'follow':
          if (!p.stickBottom) return false;
          // Pausing freezes the view where it is; resuming jumps back to the newest line.
          setTop(top === null ? start : null);
          p.onFollowChange?.(top !== null);
          return true;
        default: return false;
      }
    },
    search: (q) => { setQuery(q); setMatchAt(-1); },
    query,
  });

  // A new search jumps to the first match (search mode) like less does.
  useEffect(() => {
    if (!p.filterMode && matches.length && matchAt < 0 && query) jump(1);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [query]);

  const shown = lines.slice(start, start + p.height);
  const current = matchAt >= 0 ? matches[matchAt] : undefined;
  return (
    <Box flexDirection="column" width={p.width} height={p.height} overflow="hidden">
      {shown.length === 0 && p.emptyText ? <Text color={theme.color('text.dim')}>{fit(p.emptyText, p.width)}</Text> : null}
      {shown.map((l, i) => (
        <Text key={start + i} wrap="truncate">
          {highlight(l, re).map((s, j) => {
            const isMatch = 'match' in s && s.match;
            const strong = isMatch && start + i === current;
            return (
              <Text key={j} bold={s.bold || strong} dimColor={s.dim && !theme.noColor}
                color={isMatch ? theme.color('match.fg') : s.token ? theme.color(s.token) : undefined}
                backgroundColor={isMatch ? theme.color('match.bg') : undefined}
                inverse={(isMatch && theme.noColor) || s.inverse}>{s.text}</Text>
            );
          })}
        </Text>
      ))}
    </Box>
  );
}
