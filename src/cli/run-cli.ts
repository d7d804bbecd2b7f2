/**
 * The CLI without process globals: argv in, exit code out, io/engine/signal injected so tests and
 * the TUI can drive it. Order follows cobra: global flags, resolution, flag parse (exit 125),
 * --help (exit 0), argument count (exit 1), run.
 */
import type { CommandContext, CommandDef, CommandIO } from './command.js';
import type { Engine } from '../engine/engine.js';
import { COMMANDS } from './command-table.js';
import { reportError, CliError, EXIT_ERROR } from './exit.js';
import { GLOBAL_FLAGS, parseGlobals, type GlobalOptions } from './global-flags.js';
import { commandHelp, groupHelp, helpColumns, rootHelp, useLine, BIN } from './help.js';
import { FlagError, parseArgs } from './parse-args.js';
import { findCommand } from './resolve.js';
import { argCountError, flagError, unknownCommand } from './usage-errors.js';
import { versionLine } from './build-info.js';
import { commandSupport, globalArgv, isTerminal, type TuiOpener } from './tui-hook.js';
import { readTuiConfig } from './commands/tui.js';

export interface CliDeps {
  io: CommandIO;
  /** Aborted on SIGINT/SIGTERM by main. */
  signal?: AbortSignal;
  /** The signal that aborted `signal`, for docker's 128+n exit code. */
  receivedSignal?: () => NodeJS.Signals | undefined;
  createEngine: (opts: GlobalOptions) => Promise<Engine>;
  table?: CommandDef[];
  /** Opens the TUI; injected by the process entry (the CLI never imports the TUI). */
  openTui?: TuiOpener;
  /** Starts the API server (`berth serve`); injected by the process entry. */
  openServer?: import('./command.js').ServerOpener;
  /** argv that runs this berth (node and the bin script), for the TUI's sessions. */
  self?: string[];
}

const HELP_DEPRECATED = 'Flag shorthand -h has been deprecated, use --help\n';
const ROOT_USAGE = `${BIN} [OPTIONS] COMMAND [ARG...]`;

/** `berth help …` and `berth --help …`: help for the deepest match, docker's text otherwise. */
function helpTopic(tokens: string[], table: CommandDef[], io: CommandIO): number {
  const cols = helpColumns(io);
  const r = findCommand(tokens, table);
  if (r.kind === 'none') io.stdout.write(rootHelp(GLOBAL_FLAGS, cols, table));
  else if (r.kind === 'group' && r.rest.length === 0) io.stdout.write(groupHelp(r.group, table));
  else if (r.kind === 'command' && r.rest.length === 0) io.stdout.write(commandHelp(r.def, r.path, cols));
  else {
    // cobra reports what is left after the deepest command it found.
    const extra = r.kind === 'unknown' ? (r.group ? tokens.slice(1) : tokens) : r.rest;
    throw new CliError(`unknown help topic: ${extra.join(' ')}`, EXIT_ERROR);
  }
  return 0;
}

export async function runCli(argv: string[], deps: CliDeps): Promise<number> {
  const signal = deps.signal ?? new AbortController().signal;
  const state: RunState = { debug: false };
  let code: number;
  try {
    code = await dispatch(argv, deps, signal, state);
  } catch (err) {
    code = reportError(err, deps.io, { debug: state.debug, signal: signal.aborted ? deps.receivedSignal?.() : undefined });
  }
  // A creation failure was already reported through the verb; only a built engine is closed.
  const engine = state.engine && (await state.engine.catch(() => undefined));
  if (engine) {
    try {
      await engine.close();
    } catch (err) {
      const closeCode = reportError(err, deps.io, { debug: state.debug });
      if (code === 0) code = closeCode;
    }
  }
  return code;
}

interface RunState {
  debug: boolean;
  engine?: Promise<Engine>;
}

async function dispatch(argv: string[], deps: CliDeps, signal: AbortSignal, state: RunState): Promise<number> {
  const { io } = deps;
  const table = deps.table ?? COMMANDS;
  let g;
  try {
    g = parseGlobals(argv, io.env);
  } catch (err) {
    throw err instanceof FlagError ? flagError(err.message, ROOT_USAGE, []) : err;
  }
  state.debug = g.options.logLevel === 'debug';
  if (g.version) {
    io.stdout.write(versionLine() + '\n');
    return 0;
  }
  if (g.helpShorthand) io.stderr.write(HELP_DEPRECATED);
  if (g.help) return helpTopic(g.rest, table, io);
  const openTui = (o: { readOnly?: boolean; theme?: string }) => deps.openTui!({
    createEngine: () => (state.engine ??= deps.createEngine(g.options)),
    berth: [...(deps.self ?? ['berth']), ...globalArgv(g.options)], commands: commandSupport(table), env: io.env,
    readOnly: o.readOnly, theme: o.theme ?? g.options.theme, signal,
    tuiConfig: readTuiConfig(g.options.root),
  });
  // No verb on a terminal opens the TUI; otherwise docker prints its help on stderr and succeeds.
  if (g.rest.length === 0 && deps.openTui && isTerminal(io)) return openTui({});
  if (g.rest.length === 0) {
    io.stderr.write(rootHelp(GLOBAL_FLAGS, helpColumns(io), table));
    return 0;
  }
  if (g.rest[0] === 'help') return helpTopic(g.rest.slice(1), table, io);

  const r = findCommand(g.rest, table);
  if (r.kind === 'unknown') throw unknownCommand(r.name, r.group);
  if (r.kind === 'group') {
    let help = false;
    try {
      const p = parseArgs([], r.rest);
      if (p.helpShorthand) io.stdout.write(HELP_DEPRECATED);
      help = p.help;
    } catch (err) {
      throw err instanceof FlagError ? flagError(err.message, `${BIN} ${r.group}`, [r.group]) : err;
    }
    (help ? io.stdout : io.stderr).write(groupHelp(r.group, table));
    return 0;
  }
  if (r.kind !== 'command') return 0;
  const { def, path } = r;
  let parsed;
  try {
    parsed = parseArgs(def.flags, r.rest, { stopAtFirstArg: def.stopAtFirstArg });
  } catch (err) {
    throw err instanceof FlagError ? flagError(err.message, useLine(def, path), path) : err;
  }
  if (parsed.help) {
    if (parsed.helpShorthand) io.stdout.write(HELP_DEPRECATED);
    io.stdout.write(commandHelp(def, path, helpColumns(io)));
    return 0;
  }
  const countErr = argCountError(def, path, parsed.args.length);
  if (countErr) throw countErr;

  const options = def.localEngine ? { ...g.options, host: undefined } : g.options;
  const ctx: CommandContext = {
    // Built on first use and shared, so `berth version` without a server call never opens the store.
    engine: () => (state.engine ??= deps.createEngine(options)),
    io, flags: parsed.flags, args: parsed.args, globals: g.values, signal, changed: parsed.changed, path,
    openTui: deps.openTui ? openTui : undefined,
    openServer: deps.openServer,
  };
  return await def.run(ctx);
}
