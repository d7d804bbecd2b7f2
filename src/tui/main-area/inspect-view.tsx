/** Inspect tab: docker's inspect JSON for the selection, searchable with `/` and n/N. */
import { useEffect, useMemo, useState } from 'react';
import type { Engine } from '../../engine/engine.js';
import { inspectVolume } from '../data/capabilities.js';
import type { PaneId } from '../app/ui-state.js';
import { TextView, type ViewLine } from './text-view.js';

export function useInspect(engine: Engine, kind: PaneId, id: string, version: string): { data?: unknown; error?: string } {
  const [state, setState] = useState<{ data?: unknown; error?: string }>({});
  useEffect(() => {
    let live = true;
    const get = kind === 'containers' ? engine.inspectContainer(id) : kind === 'images' ? engine.inspectImage(id) : inspectVolume(engine, id);
    get.then((data) => live && setState({ data }), (err: unknown) => live && setState({ error: err instanceof Error ? err.message : String(err) }));
    return () => { live = false; };
    // `version` changes when the row changes (state, tags), so the JSON is re-read then.
  }, [engine, kind, id, version]);
  return state;
}

/** Pretty JSON with keys and values in different tokens. */
export function jsonLines(data: unknown): ViewLine[] {
  return JSON.stringify(data, null, 2).split('\n').map((l) => {
    const m = /^(\s*)("(?:[^"\\]|\\.)*")(: )(.*)$/.exec(l);
    if (!m) return [{ text: l }];
    const value = m[4]!;
    const token = value.startsWith('"') ? 'success' : /^(true|false|null)/.test(value) ? 'warning' : /^-?\d/.test(value) ? 'state.created' : undefined;
    return [{ text: m[1]! }, { text: m[2]!, token: 'title.unfocused' as const }, { text: m[3]! }, { text: value, token }];
  });
}

export interface InspectViewProps {
  engine: Engine;
  kind: PaneId;
  id: string;
  version: string;
  width: number;
  height: number;
}

export function InspectView(p: InspectViewProps) {
  const r = useInspect(p.engine, p.kind, p.id, p.version);
  const lines = useMemo<ViewLine[]>(() => {
    if (r.error) return [[{ text: `Error: ${r.error}`, token: 'error' }]];
    if (r.data === undefined) return [[{ text: 'loading…', dim: true }]];
    return jsonLines(r.data);
  }, [r]);
  return <TextView lines={lines} width={p.width} height={p.height} />;
}
