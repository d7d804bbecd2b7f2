/**
 * Renders the App with ink-testing-library at a fixed columns×rows against the fake engine, a fake
 * pty spawner and the CLI's real command table, and offers key presses and waits on frame text.
 */
import { EventEmitter } from 'node:events';
import { render } from 'ink-testing-library';
import { App } from '../../../src/tui/app/app.js';
import { ThemeContext } from '../../../src/tui/theme/context.js';
import { loadThemeFile, makeTheme } from '../../../src/tui/theme/theme.js';
import { SessionManager } from '../../../src/tui/session/manager.js';
import type { Pty, Spawner } from '../../../src/tui/session/pty.js';
import type { LineHistory } from '../../../src/lib/line-history.js';
import { commandSupport } from '../../../src/cli/tui-hook.js';
import { COMMANDS } from '../../../src/cli/command-table.js';
import { FakeEngine } from './fake-engine.js';
import type { Binding } from '../../../src/tui/keymap/bindings.js';
import type { TaskManager } from '../../../src/tui/tasks/task.js';
import type { Handover } from '../../../src/tui/term/handover.js';

/** A pty whose "program" is a function of what is written to it. */
export class FakePty extends EventEmitter implements Pty {
  static nextPid = 1000;
  readonly pid = FakePty.nextPid++;
  written: string[] = [];
  size: [number, number];
  exited = false;
  killedWith?: string;
  constructor(readonly argv: string[], cols: number, rows: number, private readonly program: (p: FakePty, input?: string) => void) {
    super();
    this.size = [cols, rows];
    setTimeout(() => program(this), 5);
  }
  onData(cb: (d: string) => void) { this.on('data', cb); return { dispose: () => this.off('data', cb) }; }
  onExit(cb: (e: { exitCode: number }) => void) { this.on('exit', cb); return { dispose: () => this.off('exit', cb) }; }
  write(d: string) { this.written.push(d); this.program(this, d); }
  resize(cols: number, rows: number) { this.size = [cols, rows]; }
  kill(signal?: string) { this.killedWith = signal; this.exit(129); }
  out(s: string) { this.emit('data', s); }
  exit(code = 0) { if (!this.exited) { this.exited = true; this.emit('exit', { exitCode: code }); } }
}

/** `ps` prints a table and exits; `exec -it … sh` is a tiny echoing shell; anything else prints its argv. */
export function defaultProgram(p: FakePty, input?: string): void {
  // argv is [node, berth.js, --root, /fake, ...the command]
  const args = p.argv.slice(4);
  if (args[0] === 'exec' || args[0] === 'attach') {
    if (input === undefined) p.out('/ # ');
    else if (input === '\r') {
      const line = p.written.slice(0, -1).join('').split('\r').pop() ?? '';
      p.out(`\r\n${line.replace(/^echo /, '')}\r\n/ # `);
    } else p.out(input);
    return;
  }
  if (input !== undefined) return;
  p.out(args[0] === 'ps' ? 'CONTAINER ID   IMAGE     NAMES\r\na1a1a1a1a1a1   busybox   web\r\n' : `ran: ${args.join(' ')}\r\n`);
  setTimeout(() => p.exit(0), 5);
}

export class FakeSpawner {
  ptys: FakePty[] = [];
  constructor(private readonly program = defaultProgram) {}
  spawner: Spawner = (file, args, opts) => {
    const p = new FakePty([file, ...args], opts.cols, opts.rows, this.program);
    this.ptys.push(p);
    return p;
  };
}

export class MemoryHistory implements LineHistory {
  constructor(public lines: string[] = []) {}
  async load() { return [...this.lines]; }
  async append(l: string) { this.lines.push(l); }
}

export interface Rendered {
  theme: string;
  engine: FakeEngine;
  spawner: FakeSpawner;
  history: MemoryHistory;
  quit: { called: number };
  frame(): string;
  press(...keys: string[]): Promise<void>;
  type(text: string): Promise<void>;
  waitFor(what: string | RegExp | ((f: string) => boolean), timeoutMs?: number): Promise<string>;
  /** Resizes the terminal (SIGWINCH). */
  resize(cols: number, rows: number): void;
  unmount(): void;
}

export const KEY = {
  enter: '\r', esc: '\x1b', tab: '\t', up: '\x1b[A', down: '\x1b[B', right: '\x1b[C', left: '\x1b[D', backspace: '\x7f', ctrlC: '\x03', ctrlR: '\x12', ctrlK: '\x0b', ctrlW: '\x17', ctrlBracket: '\x1d', space: ' ',
};

const tick = (ms = 15) => new Promise((r) => setTimeout(r, ms));

export interface RenderOptions {
  cols?: number;
  rows?: number;
  engine?: FakeEngine;
  readOnly?: boolean;
  history?: string[];
  env?: NodeJS.ProcessEnv;
  program?: typeof defaultProgram;
  /** Wait for the first rows (default true). */
  ready?: boolean;
  /** The effective keymap and config warnings (keymap/config.ts tuiSettings). */
  keymap?: Binding[];
  configWarnings?: string[];
  tasks?: TaskManager;
  handover?: Handover;
  /** Theme name (default dark). */
  theme?: string;
}

export async function renderApp(o: RenderOptions = {}): Promise<Rendered> {
  const dims = { cols: o.cols ?? 80, rows: o.rows ?? 24 };
  const engine = o.engine ?? new FakeEngine();
  const spawner = new FakeSpawner(o.program);
  const history = new MemoryHistory(o.history);
  const quit = { called: 0 };
  const sessions = new SessionManager({ berth: ['node', 'berth.js', '--root', '/fake'], env: {}, spawner: () => spawner.spawner });
  const theme = makeTheme(loadThemeFile(o.theme ?? 'dark'), { noColor: false, ascii: false, ...(o.env ? { noColor: 'NO_COLOR' in o.env, ascii: o.env.LANG === 'C' } : {}) });
  const r = render(
    <ThemeContext.Provider value={theme}>
      <App engine={engine} commands={commandSupport(COMMANDS)} sessions={sessions} readOnly={o.readOnly} history={history}
        onQuit={() => { quit.called++; }} dataOptions={{ debounceMs: 5 }}
        keymap={o.keymap} configWarnings={o.configWarnings} tasks={o.tasks} handover={o.handover} />
    </ThemeContext.Provider>,
  );
  // ink-testing-library's stdout is 100 columns and has no rows; the App and Ink read both.
  Object.defineProperty(r.stdout, 'columns', { get: () => dims.cols });
  Object.defineProperty(r.stdout, 'rows', { get: () => dims.rows });
  r.stdout.emit('resize');
  const frame = () => r.lastFrame() ?? '';
  const out: Rendered = {
    theme: theme.name, engine, spawner, history, quit, frame,
    async press(...keys) { for (const k of keys) { r.stdin.write(k); await tick(); } },
    async type(text) { r.stdin.write(text); await tick(); },
    async waitFor(what, timeoutMs = 3000) {
      const ok = typeof what === 'function' ? what : (f: string) => (typeof what === 'string' ? f.includes(what) : what.test(f));
      const end = Date.now() + timeoutMs;
      while (Date.now() < end) {
        if (ok(frame())) return frame();
        await tick(10);
      }
      throw new Error(`timed out waiting for ${String(what)}; last frame:\n${frame()}`);
    },
    resize(c, rw) { dims.cols = c; dims.rows = rw; r.stdout.emit('resize'); },
    unmount() { sessions.disposeAll(); r.unmount(); r.cleanup(); void engine.close(); },
  };
  if (o.ready !== false) await out.waitFor('web');
  return out;
}
