import { describe, expect, it } from 'vitest';
import { splitWords, quoteWord } from '../../../src/tui/repl/shell-words.js';
import { editLine, lineOf } from '../../../src/tui/repl/line-editor.js';
import { History } from '../../../src/tui/repl/history.js';
import { completeLine } from '../../../src/tui/repl/completion.js';
import { layoutColumns, filterRows, type Column } from '../../../src/tui/panes/columns.js';
import { computeLayout } from '../../../src/tui/app/layout.js';
import { initialUi, uiReducer, selectedIndex } from '../../../src/tui/app/ui-state.js';
import { Ring } from '../../../src/tui/data/use-logs.js';
import { sanitize } from '../../../src/tui/main-area/logs-view.js';
import { createdBy, layerRow } from '../../../src/tui/main-area/layer-lines.js';
import { compileQuery, highlight } from '../../../src/tui/main-area/text-view.js';
import { fit, humanSize, shortAge } from '../../../src/tui/panes/format.js';
import { windowStart } from '../../../src/tui/panes/list-pane.js';
import { splitKeys } from '../../../src/tui/app/sync-state.js';
import { runLine } from '../../../src/tui/app/run-line.js';
import { imagesPane, sortContainers } from '../../../src/tui/panes/pane-configs.js';
import { cpuPercent, memUsage } from '../../../src/tui/data/capabilities.js';
import { sparkline } from '../../../src/tui/main-area/stats-top-view.js';
import { commandSupport } from '../../../src/cli/tui-hook.js';
import { COMMANDS } from '../../../src/cli/command-table.js';

const support = commandSupport(COMMANDS);

describe('REPL words', () => {
  it('splits like a shell, without expansion', () => {
    expect(splitWords(`run -d --name web busybox sh -c 'while true; do echo tick; sleep 0.2; done'`).words)
      .toEqual(['run', '-d', '--name', 'web', 'busybox', 'sh', '-c', 'while true; do echo tick; sleep 0.2; done']);
    expect(splitWords(`echo "a \\"b\\" $HOME" c\\ d ''`).words).toEqual(['echo', 'a "b" $HOME', 'c d', '']);
    expect(splitWords(`echo 'open`).error).toMatch(/unterminated/);
    expect(quoteWord('web')).toBe('web');
    expect(quoteWord("it's")).toBe(`'it'\\''s'`);
  });
  it('edits a line like readline', () => {
    let s = lineOf('ps -a');
    s = editLine(s, 'backspace', '\x7f', false)!;
    expect(s).toEqual({ value: 'ps -', cursor: 4 });
    s = editLine(s, 'ctrl-w', '\x17', false)!;
    expect(s.value).toBe('ps ');
    s = editLine(editLine(s, 'home', '', false)!, 'x', 'x', true)!;
    expect(s).toEqual({ value: 'xps ', cursor: 1 });
    expect(editLine(s, 'ctrl-u', '', false)).toEqual({ value: 'ps ', cursor: 0 });
    expect(editLine(s, 'f5', '\x1b[15~', false)).toBeUndefined();
  });
  it('walks history with a draft and searches it', () => {
    const h = new History(['ps', 'images', 'logs web']);
    expect(h.prev('typ')).toBe('logs web');
    expect(h.prev('')).toBe('images');
    expect(h.next()).toBe('logs web');
    expect(h.next()).toBe('typ');
    expect(h.search('s')).toEqual({ index: 2, line: 'logs web' });
    expect(h.search('s', 2)).toEqual({ index: 1, line: 'images' });
    h.add('ps');
    h.add('ps');
    expect(h.all()).toEqual(['ps', 'images', 'logs web', 'ps']);
  });
  it('completes verbs and flags from the CLI table, names from the lists', () => {
    const names = { containers: ['web', 'db'], images: ['busybox:latest'], volumes: [] };
    expect(completeLine('vers', support, names)).toEqual({ line: 'version ', candidates: [] });
    expect(completeLine('ima', support, names)).toEqual({ line: 'image', candidates: ['image', 'images'] });
    expect(completeLine('image l', support, names).candidates).toEqual(expect.arrayContaining(['load', 'ls']));
    expect(completeLine('ps --al', support, names).line).toBe('ps --all ');
    expect(completeLine('logs w', support, names).line).toBe('logs web ');
    expect(completeLine('stop ', support, names).candidates).toEqual(['db', 'web']);
    expect(completeLine('run busy', support, names).line).toBe('run busybox:latest ');
  });
  it('a line runs through the command table: unknown verbs are "not supported yet", read-only lets reads through', () => {
    const calls: unknown[] = [];
    const deps = (readOnly = false) => ({
      commands: support, readOnly, quit: () => calls.push('quit'),
      notify: (t: string) => calls.push(['notify', t]), startSession: (a: string[], t: string, i: boolean) => calls.push(['start', a, i]),
    });
    runLine('docker run -it busybox sh', deps());
    runLine('ps -a', deps());
    runLine('frobnicate alpine', deps());
    runLine('rm web', deps(true));
    runLine('ps', deps(true));
    runLine('q', deps());
    expect(calls).toEqual([
      ['start', ['run', '-it', 'busybox', 'sh'], true],
      ['start', ['ps', '-a'], false],
      ['notify', 'frobnicate: not supported yet (berth: unknown command: berth frobnicate)'],
      ['notify', 'read-only mode: only commands that change nothing run here'],
      ['start', ['ps'], false],
      'quit',
    ]);
  });
  it('attach and exec -it are interactive, logs is not', () => {
    expect(support.describe(['attach', 'web'])).toMatchObject({ kind: 'command', interactive: true, complete: 'container' });
    expect(support.describe(['exec', '-it', 'web', 'sh'])).toMatchObject({ kind: 'command', interactive: true });
    expect(support.describe(['logs', '-f', 'web'])).toMatchObject({ kind: 'command', interactive: false });
    expect(support.describe(['image', 'frob'])).toMatchObject({ kind: 'unknown', name: 'image frob' });
  });
});

describe('layout', () => {
  it('80×24 and 160×48', () => {
    const a = computeLayout(80, 24, 'containers');
    expect(a).toMatchObject({ frameRows: 23, tooSmall: false, sideWidth: 32, mainWidth: 48, bodyHeight: 21, inner: { cols: 46, rows: 19 } });
    expect(a.paneHeights).toEqual({ containers: 11, images: 5, volumes: 5 });
    const b = computeLayout(160, 48, 'images');
    expect(b).toMatchObject({ sideWidth: 64, mainWidth: 96, bodyHeight: 45, inner: { cols: 94, rows: 43 } });
    expect(b.paneHeights).toEqual({ containers: 11, images: 23, volumes: 11 });
    expect(computeLayout(50, 12, 'containers').tooSmall).toBe(true);
  });
  it('columns: narrow panes drop low priorities, flex takes the rest', () => {
    const cols: Column<string>[] = [
      { header: 'A', width: 'flex', minWidth: 5, priority: 10, text: (s) => s },
      { header: 'B', width: 10, priority: 1, text: (s) => s },
      { header: 'C', width: 6, priority: 5, text: (s) => s },
    ];
    expect(layoutColumns(cols, 40).map((c) => [c.column.header, c.width])).toEqual([['A', 22], ['B', 10], ['C', 6]]);
    expect(layoutColumns(cols, 15).map((c) => [c.column.header, c.width])).toEqual([['A', 8], ['C', 6]]);
  });
  it('windows keep the selection visible', () => {
    expect(windowStart(0, 5, 20)).toBe(0);
    expect(windowStart(7, 5, 20)).toBe(3);
    expect(windowStart(19, 5, 20)).toBe(15);
    expect(windowStart(3, 5, 4)).toBe(0);
  });
});

describe('navigation state', () => {
  it('selection follows its row, falls to a neighbour when it goes', () => {
    let s = uiReducer(initialUi(), { type: 'move', delta: 1, keys: ['a', 'b', 'c'] });
    expect(s.sel.containers).toBe('b');
    s = uiReducer(s, { type: 'sync', pane: 'containers', keys: ['x', 'a', 'b', 'c'] });
    expect(selectedIndex(s, 'containers', ['x', 'a', 'b', 'c'])).toBe(2);
    s = uiReducer(s, { type: 'sync', pane: 'containers', keys: ['x', 'a', 'c'] });
    expect(s.sel.containers).toBe('c');
  });
  it('marks move down and are dropped with their rows; tabs cycle through sessions', () => {
    let s = uiReducer(initialUi(), { type: 'toggle-mark', keys: ['a', 'b'] });
    s = uiReducer(s, { type: 'toggle-mark', keys: ['a', 'b'] });
    expect(s.marks.containers).toEqual(['a', 'b']);
    s = uiReducer(s, { type: 'sync', pane: 'containers', keys: ['b'] });
    expect(s.marks.containers).toEqual(['b']);
    s = uiReducer(s, { type: 'cycle-tab', delta: -1, sessions: ['7'] });
    expect(s.session).toBe('7');
    s = uiReducer(s, { type: 'cycle-tab', delta: 1, sessions: ['7'] });
    expect([s.session, s.tab.containers]).toEqual([null, 'logs']);
  });
  it('one read of several keys splits into keys', () => {
    expect(splitKeys(':ps\r')).toEqual([':ps', '\r']);
    expect(splitKeys('jj')).toEqual(['jj']);
    expect(splitKeys('\x1b[A')).toEqual(['\x1b[A']);
  });
});

describe('formatting', () => {
  it('sizes, ages, fitting', () => {
    expect([humanSize(0), humanSize(999), humanSize(1_990_000), humanSize(12_345_678), humanSize(123_456_789)]).toEqual(['0B', '999B', '1.99MB', '12.3MB', '123MB']);
    const now = Date.now();
    expect([shortAge(now / 1000 - 5, now), shortAge(now / 1000 - 300, now), shortAge(now / 1000 - 7200, now), shortAge(now / 1000 - 86400 * 3, now)]).toEqual(['5s', '5m', '2h', '3d']);
    expect(fit('abcdef', 4)).toBe('abc…');
    expect(fit('ab', 4, '…', 'right')).toBe('  ab');
  });
  it('log lines lose terminal controls', () => {
    expect(sanitize('\x1b[31mred\x1b[0m\tx\x07')).toBe('red    x');
  });
  it('layers: verbs picked out, empty layers dimmed', () => {
    expect(createdBy('/bin/sh -c #(nop)  CMD ["sh"]')).toEqual({ verb: 'CMD', rest: '["sh"]' });
    expect(createdBy('/bin/sh -c apt-get update')).toEqual({ verb: 'RUN', rest: 'apt-get update' });
    const row = (createdBy: string, size: number) => layerRow({ index: 0, createdBy, empty: size === 0, size, files: [], wastedBytes: 0 }, 60, false, false, false);
    expect(row('/bin/sh -c #(nop)  CMD ["sh"]', 0).every((s) => s.dim)).toBe(true);
    expect(row('ADD rootfs /', 2_000_000).slice(0, 2).some((s) => s.dim)).toBe(false);
  });
  it('search: substring or /regex/, highlighted', () => {
    expect(highlight([{ text: 'a tick b tick' }], compileQuery('tick')).filter((s) => 'match' in s && s.match).length).toBe(2);
    expect(highlight([{ text: 'x12y' }], compileQuery('/\\d+/')).map((s) => s.text)).toEqual(['x', '12', 'y']);
    expect(compileQuery('a.b')!.test('axb')).toBe(false);
  });
  it('the ring keeps the newest lines only', () => {
    const r = new Ring<number>(3);
    for (let i = 0; i < 10; i++) r.push(i);
    expect(r.toArray()).toEqual([7, 8, 9]);
  });
  it('running containers sort first; images filter on tags', () => {
    const c = (Id: string, State: string, Created: number) => ({ Id, State, Created }) as never;
    expect(sortContainers([c('a', 'exited', 3), c('b', 'running', 1), c('c', 'running', 2)]).map((x: { Id: string }) => x.Id)).toEqual(['c', 'b', 'a']);
    const imgs = [{ Id: '1', RepoTags: ['busybox:latest'] }, { Id: '2', RepoTags: [] }] as never[];
    expect(filterRows(imgs, imagesPane, 'dangl').length).toBe(1);
  });
  it('stats: docker CPU %, memory without page cache, sparklines', () => {
    expect(cpuPercent({ cpu_stats: { cpu_usage: { total_usage: 300 }, system_cpu_usage: 2000, online_cpus: 2 } as never, precpu_stats: { cpu_usage: { total_usage: 100 }, system_cpu_usage: 1000 } as never })).toBe(40);
    expect(memUsage({ memory_stats: { usage: 1000, limit: 5000, stats: { inactive_file: 200 } } })).toEqual({ used: 800, limit: 5000 });
    expect(sparkline([0, 50, 100], 10, 100)).toBe('▁▅█');
    expect(sparkline([0, 100], 10, 100, true)).toBe('_@');
  });
});
