/**
 * The Layers tab's text, pure: the efficiency line, the layer list (bottom first, as dive shows
 * it) with size and the waste each layer causes, and file-tree rows with A/M/D markers.
 */
import type { ImageLayerAnalysis, LayerAnalysis, LayerChangeKind } from '../../types/layer-analysis.js';
import { fit, humanSize } from '../panes/format.js';
import type { Token } from '../theme/theme.js';
import type { ViewLine } from './text-view.js';
import type { TreeRow } from './layer-tree.js';

/** "/bin/sh -c #(nop)  CMD [\"sh\"]" → "CMD [\"sh\"]"; a plain RUN keeps its shell command. */
export function createdBy(raw: string): { verb?: string; rest: string } {
  const text = raw.replace(/^\/bin\/sh -c #\(nop\)\s+/, '').replace(/^\|\d+ /, '').trim();
  const m = /^([A-Z]+)\s+(.*)$/s.exec(text);
  if (m && /^(ADD|ARG|CMD|COPY|ENTRYPOINT|ENV|EXPOSE|HEALTHCHECK|LABEL|MAINTAINER|ONBUILD|RUN|SHELL|STOPSIGNAL|USER|VOLUME|WORKDIR)$/.test(m[1]!)) {
    return { verb: m[1], rest: m[2]! };
  }
  if (raw.startsWith('/bin/sh -c ')) return { verb: 'RUN', rest: raw.slice('/bin/sh -c '.length) };
  return { rest: text };
}

export const MARKS: Record<LayerChangeKind, { mark: string; token: Token }> = {
  added: { mark: 'A', token: 'diff.added' },
  modified: { mark: 'M', token: 'diff.modified' },
  removed: { mark: 'D', token: 'diff.removed' },
};

export function efficiencyLine(a: ImageLayerAnalysis, width: number): ViewLine {
  const real = a.layers.filter((l) => !l.empty).length;
  const pct = `${(Math.floor(a.efficiency * 1000) / 10).toFixed(1)}%`;
  const line: ViewLine = [
    { text: 'Efficiency ', bold: true },
    { text: pct, bold: true, token: a.efficiency >= 0.9 ? 'success' : a.efficiency >= 0.7 ? 'warning' : 'error' },
    { text: ` · wasted ${humanSize(a.wastedBytes)}` },
    { text: ` · ${real} layers (${a.layers.length - real} empty) · ${humanSize(a.totalSize)}`, dim: true },
  ];
  if (a.truncated) line.push({ text: ' · listing truncated', token: 'warning' });
  return clip(line, width);
}

const SIZE_W = 8;

export function layerHeader(width: number): ViewLine {
  const cmdW = Math.max(8, width - 2 - 2 * (SIZE_W + 1));
  return [{ text: '  ' + fit('CREATED BY', cmdW) + ' ' + fit('SIZE', SIZE_W, '…', 'right') + ' ' + fit('WASTE', SIZE_W, '…', 'right'), token: 'text.header', bold: true }];
}

export function layerRow(l: LayerAnalysis, width: number, selected: boolean, active: boolean, ascii: boolean): ViewLine {
  const cmdW = Math.max(8, width - 2 - 2 * (SIZE_W + 1));
  const { verb, rest } = createdBy(l.createdBy);
  const cmd = fit((verb ? `${verb} ${rest}` : rest || '(no history)').replace(/\s+/g, ' '), cmdW);
  const dim = l.empty;
  const base = { dim, token: dim ? 'layer.empty' as const : undefined, inverse: selected && active };
  const line: ViewLine = [{ ...base, text: selected ? (ascii ? '> ' : '▸ ') : '  ' }];
  if (verb && !dim && cmd.startsWith(verb)) {
    line.push({ ...base, text: verb, token: 'layer.instruction' }, { ...base, text: cmd.slice(verb.length) });
  } else line.push({ ...base, text: cmd });
  line.push({ ...base, text: ' ' + fit(humanSize(l.size), SIZE_W, '…', 'right') });
  line.push({ ...base, text: ' ' + fit(l.wastedBytes ? humanSize(l.wastedBytes) : '-', SIZE_W, '…', 'right'), token: l.wastedBytes ? 'warning' : base.token });
  return line;
}

export function treeRow(r: TreeRow, width: number, selected: boolean, ascii: boolean): ViewLine {
  const n = r.node;
  const m = n.kind ? MARKS[n.kind] : undefined;
  const isDir = n.type === 'dir';
  const glyph = isDir && n.kind !== 'removed' && n.children.length ? (r.collapsed ? (ascii ? '+ ' : '▸ ') : (ascii ? '- ' : '▾ ')) : '  ';
  const suffix = isDir ? '/' : n.type === 'symlink' ? '@' : '';
  const name = '  '.repeat(r.depth) + glyph + n.name + suffix;
  const line: ViewLine = [
    { text: m ? m.mark : ' ', token: m?.token, bold: true, inverse: selected },
    { text: ' ' + fit(isDir && n.kind !== 'removed' ? '' : humanSize(n.size), 7, '…', 'right') + ' ', dim: true, inverse: selected },
    { text: fit(name, Math.max(4, width - 10)), token: m?.token, inverse: selected },
  ];
  return line;
}

/** Cut a line to `width` columns. */
export function clip(line: ViewLine, width: number): ViewLine {
  const out: ViewLine = [];
  let left = width;
  for (const s of line) {
    if (left <= 0) break;
    const chars = [...s.text];
    if (chars.length <= left) { out.push(s); left -= chars.length; continue; }
    out.push({ ...s, text: fit(s.text, left) });
    left = 0;
  }
  return out;
}
