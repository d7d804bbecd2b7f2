/**
 * Pop-out: the whole terminal goes to a session and comes back. Against fake streams and a fake
 * pty: Ink's writes are held back while popped out, the session's bytes go straight through both
 * ways, a resize reaches the session, ctrl-] (or the session ending) returns with the alternate
 * screen and Ink's latest frame drawn again, and nothing typed after the reserved key leaks.
 * In the App: F on a session tab pops out; a `!` line starts popped out.
 */
import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { TermSession } from '../../../src/tui/session/session.js';
import { gateStream, terminalHandover } from '../../../src/tui/term/handover.js';
import { ENTER, LEAVE } from '../../../src/tui/term/screen.js';
import { FakeSpawner, KEY, renderApp, type Rendered } from './harness.js';

const settle = (ms = 40) => new Promise((r) => setTimeout(r, ms));

class FakeOut extends EventEmitter {
  columns = 100;
  rows = 30;
  isTTY = true;
  out = '';
  write(s: string) { this.out += s; return true; }
}

function setup() {
  const spawner = new FakeSpawner();
  const s = new TermSession('1', 'sh web', ['node', 'berth.js', '--root', '/fake', 'exec', '-it', 'web', 'sh'], true, spawner.spawner, { cols: 40, rows: 10 }, {});
  const real = new FakeOut();
  const gate = gateStream(real as unknown as NodeJS.WriteStream);
  const h = terminalHandover({ stdout: real as unknown as NodeJS.WriteStream, gate });
  return { s, pty: () => spawner.ptys[0]!, real, gate, h };
}

describe('terminalHandover', () => {
  it('pops out, passes bytes and resizes through, and ctrl-] restores the alternate screen and the last frame', async () => {
    const { s, pty, real, gate, h } = setup();
    await settle();
    gate.stream.write('FRAME-1\nline 2');
    expect(real.out).toBe('FRAME-1\nline 2');
    real.out = '';
    const back = h.popOut(s, ['\x1d']);
    expect(h.active).toBe(true);
    expect(real.out.startsWith(`${LEAVE}\x1b[H\x1b[2J/ #`)).toBe(true);
    expect(pty().size).toEqual([100, 30]);
    // Ink keeps rendering: held back, but remembered
    gate.stream.write('FRAME-2\nline 2');
    expect(real.out).not.toContain('FRAME-2');
    h.input('echo hi\r');
    await settle();
    expect(real.out).toContain('hi');
    real.columns = 120;
    real.emit('resize');
    expect(pty().size).toEqual([120, 30]);
    h.input('ls\x1djjj');
    await back;
    expect(h.active).toBe(false);
    expect(pty().written.join('')).toBe('echo hi\rls');
    expect(real.out.endsWith(`${ENTER}FRAME-2\nline 2`)).toBe(true);
    expect(pty().size).toEqual([40, 10]);
    real.out = '';
    gate.stream.write('FRAME-3\n');
    expect(real.out).toBe('FRAME-3\n');
    s.dispose();
  });
  it('the session ending gives the terminal back too', async () => {
    const { s, pty, real, h } = setup();
    await settle();
    const back = h.popOut(s, ['\x1d']);
    pty().exit(0);
    await back;
    expect(h.active).toBe(false);
    expect(real.out).toContain(ENTER);
    s.dispose();
  });
});

let app: Rendered | undefined;
afterEach(() => { app?.unmount(); app = undefined; });

describe('pop-out from the App', () => {
  it('F on a shown session tab pops it out; a ! line starts popped out; input goes to the handover', async () => {
    const calls: string[] = [];
    const handover = {
      active: false,
      input(raw: string) { calls.push(`input ${JSON.stringify(raw)}`); },
      async popOut(x: TermSession, leave: string[]) { calls.push(`pop ${x.title} ${JSON.stringify(leave)}`); },
    };
    app = await renderApp({ handover });
    await app.press('E');
    await app.waitFor('/ #');
    await app.press(KEY.ctrlBracket);
    let f = await app.waitFor('F pop out');
    await app.press('F');
    f = await app.waitFor('back from "sh web"');
    expect(calls).toEqual(['pop sh web ["\\u001d"]']);
    await app.press(':');
    await app.type('!exec -it web sh');
    await app.press(KEY.enter);
    await app.waitFor((x) => calls.length === 2);
    expect(calls[1]).toBe('pop exec -it web sh ["\\u001d"]');
    handover.active = true;
    await app.press('q');
    expect(calls[2]).toBe('input "q"');
    expect(app.quit.called).toBe(0);
    void f;
  });
  it('without a real terminal (no handover) F says so', async () => {
    app = await renderApp();
    await app.press('E');
    await app.waitFor('/ #');
    await app.press(KEY.ctrlBracket, 'F');
    await app.waitFor('pop-out needs a real terminal');
  });
});
