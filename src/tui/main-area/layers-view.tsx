/**
 * Layers tab (dive's view, tui-anchors §3): the efficiency score and wasted bytes, the layer list
 * bottom first with created_by, size and the waste each layer causes (empty layers dimmed), and
 * the selected layer's file tree with A/M/D markers, collapsible directories, a path filter and
 * an "only changes" toggle. Keys arrive through the keymap ('layers' scope) via the main handle.
 */
import { useEffect, useMemo, useState } from 'react';
import { Box, Text } from 'ink';
import type { Engine } from '../../engine/engine.js';
import type { Action } from '../keymap/bindings.js';
import type { ImageLayerAnalysis } from '../../types/layer-analysis.js';
import { useTheme } from '../theme/context.js';
import { useMainHandle } from './main-handle.js';
import { compileQuery, type ViewLine } from './text-view.js';
import { buildTree, entriesFor, flatten } from './layer-tree.js';
import { clip, efficiencyLine, layerHeader, layerRow, treeRow } from './layer-lines.js';

export { createdBy } from './layer-lines.js';

export interface LayersViewProps {
  engine: Engine;
  id: string;
  width: number;
  height: number;
}

/** First row to show so that `at` stays visible in a window of `size`. */
const windowStart = (at: number, size: number, count: number) => Math.max(0, Math.min(at - Math.floor(size / 2), count - size));

export function LayersView(p: LayersViewProps) {
  const theme = useTheme();
  const [state, setState] = useState<{ a?: ImageLayerAnalysis; error?: string }>({});
  const [sel, setSel] = useState(0);
  const [view, setView] = useState<'layers' | 'tree'>('layers');
  const [cursor, setCursor] = useState(0);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [query, setQuery] = useState('');
  const [onlyChanges, setOnlyChanges] = useState(true);
  useEffect(() => {
    let live = true;
    setState({});
    p.engine.imageLayers(p.id).then((a) => {
      if (!live) return;
      setState({ a });
      // Start on the first layer with files, as dive starts on the base layer.
      setSel(Math.max(0, a.layers.findIndex((l) => !l.empty)));
    }, (err: unknown) => live && setState({ error: err instanceof Error ? err.message : String(err) }));
    return () => { live = false; };
  }, [p.engine, p.id]);

  const layers = state.a?.layers ?? [];
  const tree = useMemo(() => buildTree(entriesFor(layers, sel, onlyChanges)), [layers, sel, onlyChanges]);
  const rows = useMemo(() => flatten(tree, collapsed, compileQuery(query)), [tree, collapsed, query]);
  const listH = Math.min(layers.length, Math.max(2, Math.floor((p.height - 3) / 3)));
  const treeH = Math.max(1, p.height - 3 - listH);
  const cur = Math.min(cursor, Math.max(0, rows.length - 1));

  const pickLayer = (i: number) => {
    const next = Math.max(0, Math.min(layers.length - 1, i));
    if (next !== sel) { setSel(next); setCursor(0); setCollapsed(new Set()); }
  };
  const toggle = (path: string, to?: boolean) => setCollapsed((c) => {
    const n = new Set(c);
    if (to ?? !n.has(path)) n.add(path); else n.delete(path);
    return n;
  });
  const move = (delta: number) => (view === 'layers' ? pickLayer(sel + delta) : setCursor(Math.max(0, Math.min(rows.length - 1, cur + delta))));

  useMainHandle({
    action: (a: Action) => {
      const row = rows[cur];
      const isDir = !!row && row.node.type === 'dir' && row.node.children.length > 0;
      switch (a) {
        case 'down': move(1); return true;
        case 'up': move(-1); return true;
        case 'page-down': move(view === 'layers' ? listH : treeH - 1); return true;
        case 'page-up': move(-(view === 'layers' ? listH : treeH - 1)); return true;
        case 'top': move(-1e9); return true;
        case 'bottom': move(1e9); return true;
        case 'switch-view': setView(view === 'layers' ? 'tree' : 'layers'); return true;
        case 'toggle-dir':
          if (view === 'layers') setView('tree'); else if (isDir) toggle(row.node.path);
          return true;
        case 'expand':
          if (view === 'layers') setView('tree'); else if (isDir) toggle(row.node.path, false);
          return true;
        case 'collapse': {
          if (view === 'layers' || !row) return true;
          if (isDir && !row.collapsed) { toggle(row.node.path, true); return true; }
          // Already collapsed, or a file: go to the parent directory's row.
          const parent = rows.findLastIndex((r, i) => i < cur && r.depth < row.depth);
          if (parent >= 0) setCursor(parent);
          return true;
        }
        case 'only-changes': setOnlyChanges(!onlyChanges); setCursor(0); return true;
        default: return false;
      }
    },
    search: (q) => { setQuery(q); setCursor(0); setView('tree'); },
    query,
  });

  const lines: ViewLine[] = [];
  if (state.error) lines.push([{ text: `Error: ${state.error}`, token: 'error' }]);
  else if (!state.a) lines.push([{ text: 'analysing layers…', dim: true }]);
  else {
    const a = state.a;
    lines.push(efficiencyLine(a, p.width));
    lines.push(layerHeader(p.width));
    const ls = windowStart(sel, listH, layers.length);
    for (const l of layers.slice(ls, ls + listH)) lines.push(layerRow(l, p.width, l.index === sel, view === 'layers', theme.ascii));
    const l = layers[sel];
    const bar = theme.ascii ? '-' : '─';
    const what = [`layer ${sel}`, onlyChanges ? 'changes only' : 'whole image', query ? `filter "${query}"` : '', a.notes[0] ?? ''].filter(Boolean).join(' · ');
    lines.push([{ text: fit2(`${bar}${bar} ${what} `, p.width, bar), token: view === 'tree' ? 'title.focused' : 'text.dim' }]);
    if (l?.empty && onlyChanges) lines.push([{ text: '(metadata only: no files)', dim: true }]);
    else if (!rows.length) lines.push([{ text: query ? 'no paths match the filter' : 'no files', dim: true }]);
    const ts = windowStart(cur, treeH, rows.length);
    rows.slice(ts, ts + treeH).forEach((r, i) => lines.push(treeRow(r, p.width, view === 'tree' && ts + i === cur, theme.ascii)));
  }
  return (
    <Box flexDirection="column" width={p.width} height={p.height} overflow="hidden">
      {lines.slice(0, p.height).map((l, i) => (
        <Text key={i} wrap="truncate">
          {clip(l, p.width).map((s, j) => (
            <Text key={j} bold={s.bold} dimColor={s.dim && !theme.noColor} inverse={s.inverse}
              color={s.token ? theme.color(s.token) : undefined}>{s.text}</Text>
          ))}
        </Text>
      ))}
    </Box>
  );
}

/** `text` padded with `fill` to `width`. */
function fit2(text: string, width: number, fill: string): string {
  const n = [...text].length;
  return n >= width ? [...text].slice(0, width).join('') : text + fill.repeat(width - n);
}
