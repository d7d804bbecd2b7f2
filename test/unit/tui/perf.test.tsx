/**
 * What keeps the TUI fast with many rows and busy logs (bench/groups/tui.mjs measures it in a pty):
 * only visible rows are formatted and drawn, a selection moving quickly opens no log streams until
 * it rests, a new selection never shows the previous container's lines, lines arrive in batches.
 */
import { useEffect } from 'react';
import { Text } from 'ink';
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { renderApp, type Rendered } from './harness.js';
import { FakeEngine, type FakeContainer } from './fake-engine.js';
import { useLogs, type LogsState } from '../../../src/tui/data/use-logs.js';
import { useEngineData } from '../../../src/tui/data/use-engine-data.js';
import { ListPane } from '../../../src/tui/panes/list-pane.js';
import type { PaneConfig } from '../../../src/tui/panes/columns.js';
import { ThemeContext } from '../../../src/tui/theme/context.js';
import { loadThemeFile, makeTheme } from '../../../src/tui/theme/theme.js';
import type { LogsOptions } from '../../../src/engine/types.js';

const theme = makeTheme(loadThemeFile('dark'), { noColor: false, ascii: false });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function many(n: number): FakeContainer[] {
  return Array.from({ length: n }, (_, i) => ({
    id: 'c' + (i + 1).toString(16).padStart(63, '0'), name: `bench-${i + 1}`, image: 'busybox', imageId: 'sha256:' + 'b'.repeat(64),
    state: 'created' as const, created: 1_700_000_000 + i, logs: [],
  }));
}

function recording(engine: FakeEngine): string[] {
  const refs: string[] = [];
  const orig = engine.containerLogs.bind(engine);
  engine.containerLogs = (ref: string, opts: LogsOptions) => { refs.push(ref); return orig(ref, opts); };
  return refs;
}

async function until(ok: () => boolean, what: string, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

let app: Rendered | undefined;
afterEach(() => { app?.unmount(); app = undefined; });

describe('1,000 rows', () => {
  it('ListPane formats only the rows in its window', () => {
    const rows = Array.from({ length: 1000 }, (_, i) => ({ id: `row-${i}` }));
    let formatted = 0;
    const config: PaneConfig<{ id: string }> = {
      id: 'containers', title: 'Rows', jumpKey: '1', rowKey: (r) => r.id, searchText: (r) => r.id,
      columns: [{ header: 'ID', width: 'flex', priority: 1, text: (r) => { formatted++; return r.id; } }],
    };
    const r = render(
      <ThemeContext.Provider value={theme}>
        <ListPane config={config} rows={rows} total={1000} selected={500} marks={[]} focused width={40} height={23}
          filter="" emptyText="" now={Date.now()} />
      </ThemeContext.Provider>,
    );
    const frame = r.lastFrame() ?? '';
    const shown = frame.match(/row-\d+/g) ?? [];
    // 23 lines = title + header + 20 rows + bottom border; the selection is the last of them
    expect(shown).toHaveLength(20);
    expect(shown.at(-1)).toBe('row-500');
    expect(formatted).toBe(20);
    expect(frame).toContain('Rows (1000)');
    r.unmount();
  });

  it('the App at 160×48 draws a window of the 1,000 containers and moves it with j, G and g', async () => {
    app = await renderApp({ cols: 160, rows: 48, engine: new FakeEngine({ containers: many(1000) }), ready: false });
    let f = await app.waitFor('Containers (1000)', 10_000);
    const names = (x: string) => x.match(/bench-\d+/g) ?? [];
    // newest first; only the pane's window of rows is drawn, never all 1,000
    expect(names(f).length).toBeGreaterThan(10);
    expect(names(f).length).toBeLessThan(60);
    expect(f).toMatch(/▸ bench-1000 /);
    await app.press('j');
    f = await app.waitFor(/▸ bench-999 /);
    await app.press('G');
    f = await app.waitFor(/▸ bench-1 /);
    expect(f).not.toContain('bench-1000 ');
    expect(names(f).length).toBeLessThan(60);
    await app.press('g');
    await app.waitFor(/▸ bench-1000 /);
  });
});

describe('useLogs under fast selection changes', () => {
  function Probe(p: { engine: FakeEngine; id: string; seen: { id: string; s: LogsState }[] }) {
    const s = useLogs(p.engine, p.id, true, { flushMs: 5 });
    useEffect(() => { p.seen.push({ id: p.id, s }); });
    return <Text>{`${p.id}: ${s.lines.map((l) => l.text).join(',') || '-'}`}</Text>;
  }

  it('opens a stream for the first selection at once and, while it moves quickly, only where it rests', async () => {
    const engine = new FakeEngine({ containers: many(5) });
    const ids = engine.containers.map((c) => c.id);
    const refs = recording(engine);
    const seen: { id: string; s: LogsState }[] = [];
    const r = render(<Probe engine={engine} id={ids[0]!} seen={seen} />);
    await until(() => refs.length === 1, 'the first stream');
    await sleep(200);
    // j j j within the settle time: no stream for the rows passed over
    for (const id of ids.slice(1, 4)) { r.rerender(<Probe engine={engine} id={id} seen={seen} />); await sleep(20); }
    r.rerender(<Probe engine={engine} id={ids[4]!} seen={seen} />);
    await until(() => refs.length === 3, 'the stream of the row it rests on');
    await sleep(250);
    expect(refs).toEqual([ids[0], ids[1], ids[4]]);
    r.unmount();
  });

  it("never shows the previous container's lines for a new selection", async () => {
    const engine = new FakeEngine({ containers: many(2) });
    const [a, b] = engine.containers;
    a!.logs = ['from-a-1', 'from-a-2'];
    b!.logs = ['from-b'];
    const seen: { id: string; s: LogsState }[] = [];
    const r = render(<Probe engine={engine} id={a!.id} seen={seen} />);
    await until(() => (r.lastFrame() ?? '').includes('from-a-2'), 'a\'s lines');
    r.rerender(<Probe engine={engine} id={b!.id} seen={seen} />);
    await until(() => (r.lastFrame() ?? '').includes('from-b'), 'b\'s lines');
    const forB = seen.filter((x) => x.id === b!.id);
    expect(forB.length).toBeGreaterThan(0);
    for (const x of forB) expect(x.s.lines.map((l) => l.text)).not.toContain('from-a-1');
    r.unmount();
  });

  it('delivers a burst of 20,000 lines in a handful of renders, capped by the ring', async () => {
    const engine = new FakeEngine({ containers: many(1) });
    const c = engine.containers[0]!;
    c.state = 'running';
    let renders = 0;
    function Counter() {
      const s = useLogs(engine, c.id, true, { max: 1000, flushMs: 50 });
      useEffect(() => { renders++; });
      return <Text>{`${s.lines.length} ${s.lines.at(-1)?.text ?? ''}`}</Text>;
    }
    const r = render(<Counter />);
    await sleep(50);
    const before = renders;
    for (let i = 0; i < 20_000; i++) c.logs.push(`burst ${i}`);
    engine.log(c.id, 'last');
    await until(() => (r.lastFrame() ?? '') === '1000 last', 'the last line');
    expect(renders - before).toBeLessThanOrEqual(3);
    r.unmount();
  });
});

describe('useEngineData', () => {
  it('sets the lists of one load together: no render has containers but not yet images', async () => {
    const engine = new FakeEngine({ containers: many(3) });
    const listImages = engine.listImages.bind(engine);
    engine.listImages = async (o) => { await sleep(80); return listImages(o); };
    const renders: [number, number, boolean][] = [];
    function Probe() {
      const d = useEngineData(engine, { debounceMs: 5 });
      useEffect(() => { renders.push([d.containers.length, d.images.length, d.loaded]); });
      return <Text>{`${d.containers.length} ${d.images.length}`}</Text>;
    }
    const r = render(<Probe />);
    await until(() => r.lastFrame() === '3 2', 'both lists');
    expect(renders.filter(([c, i]) => c > 0 && i === 0)).toEqual([]);
    expect(renders.filter(([, , loaded]) => !loaded).length).toBe(1);
    r.unmount();
  });
});
