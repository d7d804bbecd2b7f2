/**
 * Flags that go before the verb (`berth --root /tmp/x images`). Like docker's root command they are
 * parsed non-interspersed: the first positional is the verb and everything after it is the verb's.
 */
import type { FlagDef, FlagValues } from './command.js';
import { CliError } from './exit.js';
import { parseArgs } from './parse-args.js';

export const DEFAULT_ROOT = '/var/lib/berth';
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'fatal'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const GLOBAL_FLAGS: FlagDef[] = [
  { name: 'debug', short: 'D', type: 'bool', description: 'Enable debug mode' },
  { name: 'host', short: 'H', type: 'stringArray', valueName: 'list', description: 'Daemon socket to connect to' },
  {
    name: 'log-level', short: 'l', type: 'string', default: 'info',
    description: 'Set the logging level ("debug", "info", "warn", "error", "fatal")',
  },
  { name: 'root', type: 'string', default: DEFAULT_ROOT, description: 'Root directory of persistent berth state' },
  { name: 'theme', type: 'string', description: 'Color theme of the terminal UI' },
  { name: 'version', short: 'v', type: 'bool', description: 'Print version information and quit' },
];

export interface GlobalOptions {
  root: string;
  logLevel: LogLevel;
  debug: boolean;
  /** Remote engine address (-H or DOCKER_HOST); undefined means the embedded engine. */
  host?: string;
  theme?: string;
}

export interface ParsedGlobals {
  options: GlobalOptions;
  /** The same values keyed by flag name, for CommandContext.globals. */
  values: FlagValues;
  /** Verb and its arguments. */
  rest: string[];
  help: boolean;
  helpShorthand: boolean;
  version: boolean;
}

/** Throws FlagError on bad syntax, CliError (exit 1) on bad values, as docker does. */
export function parseGlobals(argv: string[], env: NodeJS.ProcessEnv): ParsedGlobals {
  const p = parseArgs(GLOBAL_FLAGS, argv, { stopAtFirstArg: true });
  const hosts = p.flags.host as string[];
  if (hosts.length > 1) throw new CliError('Specify only one -H', 1);
  const level = String(p.flags['log-level']);
  // docker: --debug implies debug logging unless a level was given explicitly.
  const logLevel = p.changed.has('log-level') ? level : p.flags.debug ? 'debug' : level;
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) throw new CliError(`Unable to parse logging level: ${level}`, 1);
  const options: GlobalOptions = {
    root: p.changed.has('root') ? String(p.flags.root) : env.BERTH_ROOT || DEFAULT_ROOT,
    logLevel: logLevel as LogLevel,
    debug: p.flags.debug === true,
    // -H wins; DOCKER_HOST only without an explicit --root, so a docker user's environment never
    // redirects berth's own hooks (conmon's exit command passes --root).
    host: hosts[0] ?? (p.changed.has('root') ? undefined : env.DOCKER_HOST || undefined),
    theme: p.flags.theme as string | undefined,
  };
  const values: FlagValues = {
    root: options.root, 'log-level': options.logLevel, debug: options.debug, host: options.host, theme: options.theme,
  };
  return { options, values, rest: p.args, help: p.help, helpShorthand: p.helpShorthand, version: p.flags.version === true };
}
