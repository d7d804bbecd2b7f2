import { describe, expect, it } from 'vitest';
import { TermSession } from '../../../src/tui/session/session.js';
import { SessionManager } from '../../../src/tui/session/manager.js';
import { screenRows, screenText } from '../../../src/tui/session/screen.js';
import { FakePty, FakeSpawner } from './harness.js';

const settle = (ms = 40) => new Promise((r) => setTimeout(r, ms));

function session(program: (p: FakePty, input?: string) => void, size = { cols: 20, rows: 4 }) {
  const spawner = new FakeSpawner(program);
  const exits: TermSession[] = [];
  const s = new TermSession('1', 't', ['node', 'berth.js', 'exec', '-it', 'web', 'sh'], true, spawner.spawner, size, {}, (x) => exits.push(x));
  return { s, pty: () => spawner.ptys[0]!, exits };
}

describe('embedded terminal session', () => {
  it('keeps the screen in a headless xterm: text, colours, cursor', async () => {
    const { s } = session((p, input) => { if (input === undefined) p.out('\x1b[31mred\x1b[0m \x1b[1mbold\x1b[0m\r\n$ '); });
    await settle();
    expect(screenText(s.term).slice(0, 2)).toEqual(['red bold', '$']);
    const rows = screenRows(s.term, { showCursor: true });
    expect(rows[0]![0]).toMatchObject({ text: 'red', fg: 'red' });
    expect(rows[0]!.find((r) => r.text === 'bold')).toMatchObject({ bold: true });
    expect(rows[1]!.find((r) => r.cursor)).toMatchObject({ text: ' ' });
    expect(screenRows(s.term, { noColor: true })[0]![0]!.fg).toBeUndefined();
    s.dispose();
  });
  it('forwards keys, maps arrows in application-cursor mode, tracks a hidden cursor', async () => {
    const { s, pty } = session((p, input) => { if (input === undefined) p.out('\x1b[?1h\x1b[?25l'); });
    await settle();
    s.write('\x1b[A');
    s.write('ls\r');
    expect(pty().written).toEqual(['\x1bOA', 'ls\r']);
    expect(s.cursorHidden).toBe(true);
    s.dispose();
  });
  it('resizing the pane resizes the pty; the end is reported once the screen is drained', async () => {
    const { s, pty, exits } = session((p, input) => { if (input === undefined) { p.out('bye\r\n'); setTimeout(() => p.exit(3), 5); } });
    s.resize(30, 6);
    expect(pty().size).toEqual([30, 6]);
    await settle(60);
    expect(s.state).toBe('exited');
    expect(s.exitCode).toBe(3);
    expect(exits).toEqual([s]);
    expect(screenText(s.term)[0]).toBe('bye');
    s.dispose();
  });
  it('the manager runs berth with its global flags and closes tabs by killing them', async () => {
    const spawner = new FakeSpawner((p, input) => { if (input === undefined) p.out('hi'); });
    const m = new SessionManager({ berth: ['node', 'bin/berth.js', '--root', '/r'], env: { A: '1' }, spawner: () => spawner.spawner });
    const s = await m.start(['logs', '-f', 'web'], { title: 'logs -f web', interactive: false, cols: 40, rows: 10 });
    expect(spawner.ptys[0]!.argv).toEqual(['node', 'bin/berth.js', '--root', '/r', 'logs', '-f', 'web']);
    expect(m.list()).toEqual([s]);
    m.close(s.id);
    expect(spawner.ptys[0]!.killedWith).toBe('SIGHUP');
    expect(m.list()).toEqual([]);
  });
});
