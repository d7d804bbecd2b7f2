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
import { themeChoice, tuiSettings } from './keymap/config.js';
import { enterScreen } from './term/screen.js';
import { asciiStream } from './term/ascii.js';
import { gateStream, terminalHandover } from './term/handover.js';
import { SessionManager } from './session/manager.js';
import { nodePtySpawner } from './session/pty.js';
import { prefetchLists } from './data/use-engine-data.js';
import type { TuiLaunch } from './launch.js';

export type { TuiLaunch, CommandSupport, CommandDescription } from './launch.js';

/** Exit codes follow the shell: 128 + signal number. */
const SIGNAL_CODES: Partial<Record<NodeJS.Signals, number>> = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 };

export async function runTui(launch: TuiLaunch): Promise<number> {
  const stdin = launch.stdin ?? process.stdin;
  // Bad --theme fails before the screen is taken, as a plain CLI error; the config's keys and
  // theme only warn (tuiSettings). --theme (or BERTH_THEME) beats the config's tui.theme.
  const settings = tuiSettings(launch.tuiConfig);
  const theme = resolveTheme(themeChoice(launch.theme, launch.env, settings), launch.env);
  const stdout = theme.ascii ? asciiStream(launch.stdout ?? process.stdout) : launch.stdout ?? process.stdout;
  const engine: Engine = await launch.createEngine();
  // The lists load while the screen is set up and the first frame drawn (use-engine-data.ts).
  prefetchLists(engine);
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
  // Pop-out (term/handover.ts) holds Ink's writes back while a session has the whole terminal.
  const gate = gateStream(stdout);
  const handover = terminalHandover({ stdout: launch.stdout ?? process.stdout, gate });
  const onResize = () => { try { gate.stream.write('\x1b[2J\x1b[H'); } catch { /* gone */ } };
  stdout.on('resize', onResize);
  let instance: ReturnType<typeof render>;
  try {
    instance = render(
      <ThemeContext.Provider value={theme}>
        <App engine={engine} commands={launch.commands} sessions={sessions} readOnly={launch.readOnly}
          history={fileHistory(historyPath(launch.env))} onQuit={() => finish(0)}
          keymap={settings.keymap} configWarnings={settings.warnings} handover={handover} />
      </ThemeContext.Provider>,
      // Ink throttles frames to 1/maxFps: a key right after a frame waits out the rest of it (60: ≤ 17 ms).
      { stdout: gate.stream, stdin, exitOnCtrlC: false, patchConsole: true, incrementalRendering: false, maxFps: 60 },
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
