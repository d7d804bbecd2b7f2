/**
 * Layers tab: the image's history (created_by, size) like lazydocker's history table, with
 * metadata-only (empty) layers dimmed and the Dockerfile verb picked out.
 */
import { useEffect, useMemo, useState } from 'react';
import type { Engine } from '../../engine/engine.js';
import type { ImageHistoryItem } from '../../engine/types.js';
import { fit, humanSize, shortAge } from '../panes/format.js';
import { TextView, type ViewLine } from './text-view.js';

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

export function layerLines(rows: ImageHistoryItem[], width: number, now = Date.now()): ViewLine[] {
  const sizeW = 8;
  const ageW = 4;
  const cmdW = Math.max(10, width - sizeW - ageW - 2);
  const out: ViewLine[] = [[
    { text: fit('CREATED BY', cmdW), token: 'text.header', bold: true },
    { text: ' ' + fit('SIZE', sizeW, '…', 'right'), token: 'text.header', bold: true },
    { text: ' ' + fit('AGE', ageW, '…', 'right'), token: 'text.header', bold: true },
  ]];
  let total = 0;
  let empty = 0;
  for (const h of rows) {
    const dim = h.Size === 0;
    total += h.Size;
    if (dim) empty++;
    const { verb, rest } = createdBy(h.CreatedBy);
    const cmd = verb ? `${verb} ${rest}` : rest;
    const shown = fit(cmd.replace(/\s+/g, ' '), cmdW);
    const line: ViewLine = [];
    if (verb && shown.startsWith(verb)) {
      line.push({ text: verb, token: dim ? 'layer.empty' : 'layer.instruction', dim });
      line.push({ text: shown.slice(verb.length), token: dim ? 'layer.empty' : undefined, dim });
    } else line.push({ text: shown, token: dim ? 'layer.empty' : undefined, dim });
    line.push({ text: ' ' + fit(humanSize(h.Size), sizeW, '…', 'right'), token: dim ? 'layer.empty' : undefined, dim });
    line.push({ text: ' ' + fit(shortAge(h.Created, now), ageW, '…', 'right'), dim: true });
    out.push(line);
  }
  out.push([]);
  out.push([{ text: `${rows.length} layers (${empty} empty) · ${humanSize(total)}`, dim: true }]);
  return out;
}

export interface LayersViewProps {
  engine: Engine;
  id: string;
  width: number;
  height: number;
}

export function LayersView(p: LayersViewProps) {
  const [state, setState] = useState<{ rows?: ImageHistoryItem[]; error?: string }>({});
  useEffect(() => {
    let live = true;
    setState({});
    p.engine.imageHistory(p.id).then((rows) => live && setState({ rows }), (err: unknown) => live && setState({ error: err instanceof Error ? err.message : String(err) }));
    return () => { live = false; };
  }, [p.engine, p.id]);
  const lines = useMemo<ViewLine[]>(() => {
    if (state.error) return [[{ text: `Error: ${state.error}`, token: 'error' }]];
    if (!state.rows) return [[{ text: 'loading…', dim: true }]];
    return layerLines(state.rows, p.width);
  }, [state, p.width]);
  return <TextView lines={lines} width={p.width} height={p.height} />;
}
