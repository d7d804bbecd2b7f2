/**
 * Logs tab extras: tail/since presets reopen the stream with the new options, `w` wraps long lines,
 * ctrl-s saves through src/lib/log-file.ts, `y` yanks through OSC 52; the ring buffer stays bounded.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useEffect } from 'react';
import { Text } from 'ink';
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import { KEY, renderApp, type Rendered } from './harness.js';
import { FakeEngine } from './fake-engine.js';
import { osc52, clipboardOut } from '../../../src/tui/term/osc52.js';
import { saveLogLines, logStamp, safeName } from '../../../src/lib/log-file.js';
import { Ring, useLogs } from '../../../src/tui/data/use-logs.js';
import { wrapLine } from '../../../src/tui/main-area/text-view.js';
import type { LogsOptions } from '../../../src/engine/types.js';

let app: Rendered | undefined;
afterEach(() => { app?.unmount(); app = undefined; });

/** Records every containerLogs call's options. */
function recording(engine: FakeEngine): LogsOptions[] {
  const calls: LogsOptions[] = [];
  const orig = engine.containerLogs.bind(engine);
  engine.containerLogs = (ref: string, opts: LogsOptions) => { calls.push(opts); return orig(ref, opts); };
  return calls;
}

/** Waits until the latest containerLogs call satisfies `ok` (the effect runs after the frame). */
async function lastCall(calls: LogsOptions[], ok: (o: LogsOptions) => boolean): Promise<LogsOptions> {
  const end = Date.now() + 3000;
  while (Date.now() < end) {
    const o = calls.at(-1);
    if (o && ok(o)) return o;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`no matching containerLogs call; last: ${JSON.stringify(calls.at(-1))}`);
}

const LONG = 'L' + 'x'.repeat(200) + 'END';

describe.each([[80, 24], [160, 48]] as [number, number][])('%i×%i', (cols, rows) => {
  it('T and A cycle the tail and since presets, re-fetching with those options', async () => {
    const engine = new FakeEngine();
    const calls = recording(engine);
    app = await renderApp({ cols, rows, engine });
    await app.press(KEY.enter);
    let f = await app.waitFor('tail 500 · since all');
    expect(calls.at(-1)).toMatchObject({ tail: 500, since: undefined, follow: true });
    await app.press('T');
    f = await app.waitFor('tail 1000');
    await lastCall(calls, (o) => o.tail === 1000);
    await app.press('T');
    await app.waitFor('tail all');
    await lastCall(calls, (o) => o.tail === undefined);
    await app.press('A');
    f = await app.waitFor('since 10m');
    const since = (await lastCall(calls, (o) => o.since !== undefined)).since!;
    expect(Math.abs(since - (Date.now() / 1000 - 600))).toBeLessThan(5);
    await app.press('A');
    await app.waitFor('since 1h');
    await lastCall(calls, (o) => Math.abs(o.since! - (Date.now() / 1000 - 3600)) < 5);
    await app.press('A', 'T');
    f = await app.waitFor('tail 100 · since all');
    await lastCall(calls, (o) => o.tail === 100 && o.since === undefined);
    f = await app.waitFor('tick 3');
    for (const l of f.split('\n')) expect([...l].length).toBeLessThanOrEqual(cols);
  });

  it('w wraps long lines instead of truncating them', async () => {
    const engine = new FakeEngine();
    app = await renderApp({ cols, rows, engine });
    engine.log('web', LONG);
    await app.press(KEY.enter);
    let f = await app.waitFor('Lxxx');
    expect(f).not.toContain('END');
    await app.press('w');
    f = await app.waitFor('END');
    expect(f).toContain('· wrap');
    for (const l of f.split('\n')) expect([...l].length).toBeLessThanOrEqual(cols);
    await app.press('w');
    f = await app.waitFor((x) => !x.includes('END'));
    expect(f).not.toContain('· wrap');
  });
});

describe('yank and save', () => {
  it('y in the Logs tab copies the bottom line, and in the Containers pane the ID, via OSC 52', async () => {
    const got: string[] = [];
    const saved = clipboardOut.stream;
    clipboardOut.stream = { write: (s: string) => got.push(s) };
    try {
      app = await renderApp({ cols: 100, rows: 30 });
      await app.press('y');
      await app.waitFor('to the clipboard');
      expect(got.at(-1)).toBe(osc52(app.engine.containers[0]!.id, process.env));
      await app.waitFor('tick 3');
      await app.press(KEY.enter, 'y');
      await app.waitFor('copied 6 chars');
      expect(got.at(-1)).toBe(osc52('tick 3', process.env));
    } finally {
      clipboardOut.stream = saved;
    }
  });

  it('ctrl-s writes the buffer to ./<container>-<timestamp>.log and shows the path', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'berth-logsave-'));
    const cwd = process.cwd();
    try {
      process.chdir(dir);
      app = await renderApp({ cols: 160, rows: 48 });
      await app.waitFor('tick 3');
      await app.press(KEY.enter, '\x13');
      const f = await app.waitFor('saved 3 lines to');
      const files = readdirSync(dir);
      expect(files).toHaveLength(1);
      expect(files[0]).toMatch(/^web-\d{8}-\d{6}\.log$/);
      expect(f).toContain(files[0]!.slice(0, 12));
      expect(readFileSync(join(dir, files[0]!), 'utf8')).toBe('tick 1\ntick 2\ntick 3\n');
    } finally {
      process.chdir(cwd);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('osc52', () => {
  it('encodes text as base64 in OSC 52 for the clipboard', () => {
    expect(osc52('héllo', {})).toBe(`\x1b]52;c;${Buffer.from('héllo').toString('base64')}\x07`);
    expect(osc52('abc', {})).toBe('\x1b]52;c;YWJj\x07');
  });
  it('wraps in a tmux DCS passthrough with ESC doubled when TMUX is set', () => {
    expect(osc52('abc', { TMUX: '/tmp/tmux-0/default,1,0' })).toBe('\x1bPtmux;\x1b\x1b]52;c;YWJj\x07\x1b\\');
  });
});

describe('saveLogLines', () => {
  it('writes <container>-<timestamp>.log under the directory and never overwrites', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'berth-logfile-'));
    try {
      const now = new Date(2024, 0, 2, 15, 4, 5);
      const p1 = await saveLogLines(dir, 'web', ['a', 'b'], now);
      expect(p1).toBe(join(dir, 'web-20240102-150405.log'));
      expect(readFileSync(p1, 'utf8')).toBe('a\nb\n');
      const p2 = await saveLogLines(dir, '/we b/../x', ['c'], now);
      expect(p2).toBe(join(dir, 'we_b_.._x-20240102-150405.log'));
      const p3 = await saveLogLines(dir, 'web', [], now);
      expect(p3).toBe(join(dir, 'web-20240102-150405-2.log'));
      expect(readFileSync(p1, 'utf8')).toBe('a\nb\n');
      expect(logStamp(now)).toBe('20240102-150405');
      expect(safeName('..')).toBe('container');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('bounded ring buffer', () => {
  it('Ring keeps only the newest `capacity` of 100,000 pushes', () => {
    const r = new Ring<number>(5000);
    for (let i = 0; i < 100_000; i++) r.push(i);
    expect(r.size).toBe(5000);
    const a = r.toArray();
    expect(a[0]).toBe(95_000);
    expect(a.at(-1)).toBe(99_999);
  });

  it('useLogs stays capped when a container prints 100,000 lines', async () => {
    const engine = new FakeEngine();
    const c = engine.containers[0]!;
    c.logs = Array.from({ length: 100_000 }, (_, i) => `line ${i}`);
    c.state = 'exited';
    const seen: number[] = [];
    function Probe() {
      const s = useLogs(engine, c.id, false, { tail: 'all', max: 1000, flushMs: 5 });
      useEffect(() => { seen.push(s.lines.length); });
      return <Text>{`${s.lines.length} ${s.ended ? 'ended' : ''} ${s.lines.at(-1)?.text ?? ''}`}</Text>;
    }
    const r = render(<Probe />);
    const end = Date.now() + 10_000;
    while (!(r.lastFrame() ?? '').includes('ended') && Date.now() < end) await new Promise((res) => setTimeout(res, 20));
    expect(r.lastFrame()).toBe('1000 ended line 99999');
    expect(Math.max(...seen)).toBeLessThanOrEqual(1000);
    r.unmount();
  });
});

describe('wrapLine', () => {
  it('splits styled segments at the width, keeping styles', () => {
    expect(wrapLine([{ text: 'abc', token: 'warning' }, { text: 'defg' }], 3)).toEqual([
      [{ text: 'abc', token: 'warning' }], [{ text: 'def' }], [{ text: 'g' }],
    ]);
  });
});
