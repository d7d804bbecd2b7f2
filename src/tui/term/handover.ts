/**
 * Pop-out: the whole terminal goes to one session. Ink's output is gated off, the alternate screen
 * is left, the session's current screen is repainted on the main screen and the session is sized
 * to the terminal; its bytes go straight through both ways (resizes follow). The reserved key
 * (ctrl-] unless the config moves it) or the session's end gives the terminal back: alternate
 * screen again, a full redraw, and nothing typed during the pop-out reaches the panes.
 */
import type { TermSession } from '../session/session.js';
import { screenText } from '../session/screen.js';
import { ENTER, LEAVE } from './screen.js';

/** A write stream whose writes can be held back (Ink keeps rendering into it; nothing shows). */
export interface Gate {
  stream: NodeJS.WriteStream;
  open: boolean;
  /** Ink's latest whole frame (a write spanning lines), kept even while closed, to repaint on return. */
  lastFrame: string;
  /** Writes through the gate's target whatever the gate's state (the repaint). */
  writeThrough(s: string): void;
}

export function gateStream(stream: NodeJS.WriteStream): Gate {
  const gate = { open: true, lastFrame: '' } as Gate;
  gate.writeThrough = (s) => { try { stream.write(s); } catch { /* terminal gone */ } };
  gate.stream = new Proxy(stream, {
    get(target, key) {
      if (key === 'write') {
        return (chunk: unknown, ...rest: unknown[]) => {
          // Ink writes a frame as erase sequences plus every line of it, in one write.
          if (typeof chunk === 'string' && chunk.includes('\n')) gate.lastFrame = chunk;
          if (gate.open) return (target.write as (...a: unknown[]) => boolean)(chunk, ...rest);
          const cb = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
          cb?.();
          return true;
        };
      }
      const v = Reflect.get(target, key, target) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
  return gate;
}

export interface Handover {
  /** True while a session has the terminal: the App's input goes to `input` then. */
  readonly active: boolean;
  /** Gives the terminal to `session`; resolves once the TUI has it back. */
  popOut(session: TermSession, leaveKeys: string[]): Promise<void>;
  /** Raw input while active. */
  input(raw: string): void;
}

export interface HandoverDeps {
  /** The real terminal (not the gated stream). */
  stdout: NodeJS.WriteStream;
  gate: Gate;
}

export function terminalHandover(deps: HandoverDeps): Handover {
  let current: { session: TermSession; leave: string[]; end: () => void } | undefined;
  const write = (s: string) => { try { deps.stdout.write(s); } catch { /* terminal gone */ } };
  const size = () => ({ cols: deps.stdout.columns || 80, rows: deps.stdout.rows || 24 });

  return {
    get active() { return current !== undefined; },
    input(raw) {
      if (!current) return;
      const at = current.leave.map((b) => raw.indexOf(b)).filter((i) => i >= 0).sort((a, b) => a - b)[0];
      if (at === undefined) { current.session.write(raw); return; }
      // Bytes before the reserved key are the session's; the rest of that read is dropped.
      if (at > 0) current.session.write(raw.slice(0, at));
      current.end();
    },
    popOut(session, leave) {
      if (current || session.state !== 'running') return Promise.resolve();
      const before = { cols: session.term.cols, rows: session.term.rows };
      return new Promise<void>((resolve) => {
        deps.gate.open = false;
        const buf = session.term.buffer.active;
        // Main screen, cursor shown, then the session's screen as it is now, cursor where it was.
        write(`${LEAVE}\x1b[H\x1b[2J${screenText(session.term).join('\r\n').replace(/\s+$/, '')}\x1b[${buf.cursorY + 1};${buf.cursorX + 1}H`);
        const full = size();
        session.resize(full.cols, full.rows);
        const untap = session.tap((d) => write(d));
        const onResize = () => { const s = size(); session.resize(s.cols, s.rows); };
        deps.stdout.on('resize', onResize);
        const unsub = session.subscribe(() => { if (session.state !== 'running') end(); });
        let ended = false;
        const end = () => {
          if (ended) return;
          ended = true;
          current = undefined;
          untap();
          unsub();
          deps.stdout.off('resize', onResize);
          session.resize(before.cols, before.rows);
          // Back to the alternate screen, cleared, with Ink's latest frame drawn again in full: Ink
          // compares frames with what it last wrote, so it would not repaint an unchanged one.
          deps.gate.writeThrough(ENTER + deps.gate.lastFrame);
          deps.gate.open = true;
          resolve();
        };
        current = { session, leave, end };
      });
    },
  };
}
