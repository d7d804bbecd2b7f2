/**
 * Stats and Top tabs. Both depend on engine methods other issues add (containerStats,
 * containerTop); until the engine has them the tab says so instead of inventing numbers.
 * Stats stream only while the tab is shown (the effect's AbortController ends them).
 */
import { useEffect, useState } from 'react';
import { Box, Text } from 'ink';
import type { Engine } from '../../engine/engine.js';
import { containerStats, containerTop, cpuPercent, hasStats, hasTop, memUsage, type TopResult } from '../data/capabilities.js';
import { useTheme } from '../theme/context.js';
import { fit, humanSize } from '../panes/format.js';
import { TextView, type ViewLine } from './text-view.js';

const BARS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
const ASCII_BARS = ['_', '.', '-', '=', '+', '*', '#', '@'];

/** The last `width` values scaled to `max` as a one-line sparkline. */
export function sparkline(values: number[], width: number, max: number, ascii = false): string {
  const bars = ascii ? ASCII_BARS : BARS;
  return values.slice(-width).map((v) => bars[Math.min(bars.length - 1, Math.max(0, Math.round((v / (max || 1)) * (bars.length - 1))))]).join('');
}

export function NotSupported({ what, width }: { what: string; width: number }) {
  const theme = useTheme();
  return <Text color={theme.color('text.dim')} wrap="truncate">{fit(`${what}: not supported yet by this engine`, width)}</Text>;
}

export function StatsView({ engine, id, running, width, height }: { engine: Engine; id: string; running: boolean; width: number; height: number }) {
  const theme = useTheme();
  const [cpu, setCpu] = useState<number[]>([]);
  const [mem, setMem] = useState<{ used: number[]; limit?: number }>({ used: [] });
  const [error, setError] = useState<string | undefined>();
  const supported = hasStats(engine);
  useEffect(() => {
    if (!supported || !running) return;
    const ac = new AbortController();
    setCpu([]); setMem({ used: [] }); setError(undefined);
    (async () => {
      try {
        for await (const s of containerStats(engine, id, ac.signal)) {
          const c = cpuPercent(s);
          const m = memUsage(s);
          if (c !== undefined) setCpu((v) => [...v.slice(-199), c]);
          if (m.used !== undefined) setMem((v) => ({ used: [...v.used.slice(-199), m.used!], limit: m.limit }));
        }
      } catch (err) {
        if (!ac.signal.aborted) setError(err instanceof Error ? err.message : String(err));
      }
    })();
    return () => ac.abort();
  }, [engine, id, running, supported]);
  if (!supported) return <NotSupported what="Stats" width={width} />;
  if (!running) return <Text color={theme.color('text.dim')}>not running</Text>;
  const w = Math.max(10, width - 2);
  const lastCpu = cpu.at(-1);
  const lastMem = mem.used.at(-1);
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold color={theme.color('text.header')}>CPU {lastCpu === undefined ? '-' : `${lastCpu.toFixed(1)}%`}</Text>
      <Text color={theme.color('state.running')}>{sparkline(cpu, w, Math.max(100, ...cpu), theme.ascii)}</Text>
      <Text bold color={theme.color('text.header')}>MEM {lastMem === undefined ? '-' : humanSize(lastMem)}{mem.limit ? ` / ${humanSize(mem.limit)}` : ''}</Text>
      <Text color={theme.color('state.created')}>{sparkline(mem.used, w, mem.limit || Math.max(1, ...mem.used), theme.ascii)}</Text>
      {error ? <Text color={theme.color('error')}>{error}</Text> : null}
    </Box>
  );
}

export function topLines(top: TopResult, width: number): ViewLine[] {
  const cols = top.Titles.length;
  const widths = top.Titles.map((t, i) => (i === cols - 1 ? 0 : Math.max(t.length, ...top.Processes.map((p) => (p[i] ?? '').length))));
  const last = Math.max(8, width - widths.reduce((n, w) => n + w + 1, 0));
  const row = (cells: string[]) => cells.map((c, i) => fit(c, i === cols - 1 ? last : widths[i]!)).join(' ');
  return [[{ text: row(top.Titles), token: 'text.header', bold: true }], ...top.Processes.map((p) => [{ text: row(p) }])];
}

export function TopView({ engine, id, running, width, height }: { engine: Engine; id: string; running: boolean; width: number; height: number }) {
  const [state, setState] = useState<{ top?: TopResult; error?: string }>({});
  const supported = hasTop(engine);
  useEffect(() => {
    if (!supported || !running) return;
    let live = true;
    const load = () => containerTop(engine, id).then((top) => live && setState({ top }), (err: unknown) => live && setState({ error: err instanceof Error ? err.message : String(err) }));
    void load();
    const t = setInterval(load, 2000);
    return () => { live = false; clearInterval(t); };
  }, [engine, id, running, supported]);
  if (!supported) return <NotSupported what="Top" width={width} />;
  const lines: ViewLine[] = !running ? [[{ text: 'not running', dim: true }]]
    : state.error ? [[{ text: `Error: ${state.error}`, token: 'error' }]]
      : state.top ? topLines(state.top, width) : [[{ text: 'loading…', dim: true }]];
  return <TextView lines={lines} width={width} height={height} />;
}
