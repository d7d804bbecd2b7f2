/**
 * The TUI's entry: `berth` on a terminal and `berth tui`. Loaded lazily by the process entry, so
 * the CLI never pays for Ink and React. Builds the engine with the CLI's own factory, takes the
 * terminal (alternate screen), runs the App, and gives the terminal back on every way out.
 */
import { render } from 'ink';
import type { Engine } from '../engine/engine.js';
import { fileHistory, historyPath } from '../lib/line-history.js';
import { App } from './app/app.js';
import { ThemeContext } from './theme/context.js';
import { resolveTheme } from './theme/theme.js';
import { enterScreen } from './term/screen.js';
import { asciiStream } from './term/ascii.js';
import { SessionManager } from './session/manager.js';
import { nodePtySpawner } from './session/pty.js';
import type { TuiLaunch } from './launch.js';

export type { TuiLaunch, CommandSupport, CommandDescription } from './launch.js';

/** Exit codes follow the shell: 128 + signal number. */
const SIGNAL_CODES: Partial<Record<NodeJS.Signals, number>> = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 };

export async function runTui(launch: TuiLaunch): Promise<number> {
  const stdin = launch.stdin ?? process.stdin;
  // Bad --theme fails before the screen is taken, as a plain CLI error.
  const theme = resolveTheme(launch.theme, launch.env);
  const stdout = theme.ascii ? asciiStream(launch.stdout ?? process.stdout) : launch.stdout ?? process.stdout;
  const engine: Engine = await launch.createEngine();
  const screen = enterScreen({ stdout, stdin });
  const sessions = new SessionManager({ berth: launch.berth, env: launch.env, spawner: nodePtySpawner });
  let settle!: (code: number) => void;
  const done = new Promise<number>((res) => { settle = res; });
  let finished = false;
  const finish = (code: number) => {
    if (finished) return;
    finished = true;
    try { instance.unmount(); } catch { /* already unmounted */ }
    sessions.disposeAll();
    screen.restore();
    settle(code);
  };
  const onSignal = (sig: NodeJS.Signals) => finish(SIGNAL_CODES[sig] ?? 1);
  const onAbort = () => finish(SIGNAL_CODES.SIGTERM!);
  process.on('SIGHUP', onSignal);
  process.on('SIGTERM', onSignal);
  launch.signal?.addEventListener('abort', onAbort);
  // A resize can leave pieces of the old frame behind; start the new size from a clean screen.
  const onResize = () => { try { stdout.write('\x1b[2J\x1b[H'); } catch { /* gone */ } };
  stdout.on('resize', onResize);
  let instance: ReturnType<typeof render>;
  try {
    instance = render(
      <ThemeContext.Provider value={theme}>
        <App engine={engine} commands={launch.commands} sessions={sessions} readOnly={launch.readOnly}
          history={fileHistory(historyPath(launch.env))} onQuit={() => finish(0)} />
      </ThemeContext.Provider>,
      { stdout, stdin, exitOnCtrlC: false, patchConsole: true, incrementalRendering: false, maxFps: 30 },
    );
    instance.waitUntilExit().then(() => finish(0), () => finish(1));
  } catch (err) {
    screen.restore();
    throw err;
  }
  try {
    return await done;
  } finally {
    process.off('SIGHUP', onSignal);
    process.off('SIGTERM', onSignal);
    launch.signal?.removeEventListener('abort', onAbort);
    stdout.off('resize', onResize);
    // The engine belongs to the caller's factory (the CLI closes what it created).
  }
}
