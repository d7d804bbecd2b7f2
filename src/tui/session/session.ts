/**
 * One embedded terminal session: a pty running berth, and a headless xterm that keeps its screen.
 * The pane renders the emulator's buffer; resizing the pane resizes the pty, which berth passes on
 * to the container's tty. Output sessions (REPL commands) are the same thing: their final screen
 * and scrollback stay readable after the process exits.
 */
import xterm from '@xterm/headless';
import type { Pty, Spawner } from './pty.js';

export type SessionState = 'running' | 'exited';

export interface SessionInfo {
  id: string;
  title: string;
  argv: string[];
  interactive: boolean;
  state: SessionState;
  exitCode?: number;
}

/** Arrow keys in application-cursor mode (vi, less) are ESC O x, not ESC [ x. */
const APP_CURSOR: Record<string, string> = { '\x1b[A': '\x1bOA', '\x1b[B': '\x1bOB', '\x1b[C': '\x1bOC', '\x1b[D': '\x1bOD', '\x1b[H': '\x1bOH', '\x1b[F': '\x1bOF' };

export class TermSession implements SessionInfo {
  readonly term: xterm.Terminal;
  state: SessionState = 'running';
  exitCode?: number;
  cursorHidden = false;
  /** Bumped on every repaint notification (a snapshot key for React). */
  version = 0;
  private pty: Pty;
  private listeners = new Set<() => void>();
  private notifyTimer?: NodeJS.Timeout;
  /** Raw output listeners (a popped-out session writes straight to the real terminal). */
  private taps = new Set<(data: string) => void>();

  constructor(
    readonly id: string, readonly title: string, readonly argv: string[], readonly interactive: boolean,
    spawn: Spawner, size: { cols: number; rows: number }, env: NodeJS.ProcessEnv,
    private readonly onExit?: (s: TermSession) => void,
  ) {
    this.term = new xterm.Terminal({ cols: size.cols, rows: size.rows, scrollback: 2000, allowProposedApi: true });
    // DECTCEM (ESC[?25l / ESC[?25h): the public API has no "cursor hidden", so watch for it.
    this.term.parser.registerCsiHandler({ prefix: '?', final: 'l' }, (params) => { if (params.includes(25)) this.cursorHidden = true; return false; });
    this.term.parser.registerCsiHandler({ prefix: '?', final: 'h' }, (params) => { if (params.includes(25)) this.cursorHidden = false; return false; });
    this.pty = spawn(argv[0]!, argv.slice(1), { cols: size.cols, rows: size.rows, env });
    this.pty.onData((d) => { for (const fn of this.taps) fn(d); this.term.write(d, () => this.changed()); });
    this.pty.onExit((e) => {
      this.state = 'exited';
      this.exitCode = e.exitCode;
      // Let the emulator drain what was written before exit, then report.
      this.term.write('', () => { this.changed(true); this.onExit?.(this); });
    });
  }

  get pid(): number { return this.pty.pid; }

  subscribe(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Every chunk of raw output as it arrives, before the emulator sees it. */
  tap(fn: (data: string) => void): () => void {
    this.taps.add(fn);
    return () => { this.taps.delete(fn); };
  }

  /** Coalesces bursts of output into one repaint per ~30 ms. */
  private changed(now = false): void {
    if (now) {
      if (this.notifyTimer) clearTimeout(this.notifyTimer);
      this.notifyTimer = undefined;
      this.version++;
      for (const fn of this.listeners) fn();
      return;
    }
    if (this.notifyTimer) return;
    this.notifyTimer = setTimeout(() => {
      this.notifyTimer = undefined;
      this.version++;
      for (const fn of this.listeners) fn();
    }, 30);
  }

  write(data: string): void {
    if (this.state !== 'running') return;
    const mapped = this.term.modes.applicationCursorKeysMode ? APP_CURSOR[data] ?? data : data;
    this.pty.write(mapped);
  }

  resize(cols: number, rows: number): void {
    if (cols < 2 || rows < 1 || (cols === this.term.cols && rows === this.term.rows)) return;
    this.term.resize(cols, rows);
    if (this.state === 'running') {
      try { this.pty.resize(cols, rows); } catch { /* the process just exited */ }
    }
  }

  /** Ends the process the way closing a terminal window does. */
  kill(): void {
    if (this.state === 'running') {
      try { this.pty.kill('SIGHUP'); } catch { /* already gone */ }
    }
  }

  dispose(): void {
    this.kill();
    if (this.notifyTimer) clearTimeout(this.notifyTimer);
    this.listeners.clear();
    this.taps.clear();
    this.term.dispose();
  }
}
