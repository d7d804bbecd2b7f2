/**
 * One command grammar for the CLI, the TUI's REPL line and the help overlay.
 * Each verb is defined once (name, aliases, flags, usage, run) in src/cli/commands/<verb>.ts
 * and listed in src/cli/command-table.ts.
 */
import type { Engine } from '../engine/engine.js';

export type FlagType = 'bool' | 'string' | 'stringArray' | 'int' | 'duration';

export interface FlagDef {
  /** Long name without dashes, e.g. "no-trunc". */
  name: string;
  /** One-letter shorthand without dash, e.g. "a". */
  short?: string;
  type: FlagType;
  /** Placeholder shown in help after the flag, e.g. "string", "filter", "list". */
  valueName?: string;
  description: string;
  default?: string | boolean | number;
  /** Hidden flags parse but are not listed in help. */
  hidden?: boolean;
}

/** Parsed flag values: bool → boolean, string/duration → string, stringArray → string[], int → number. */
export type FlagValues = Record<string, string | boolean | number | string[] | undefined>;

export interface CommandIO {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean; fd?: number };
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number; rows?: number };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
}

export interface CommandContext {
  /** Lazily created: verbs that need no engine (help, version client part) never build one. */
  engine(): Promise<Engine>;
  io: CommandIO;
  flags: FlagValues;
  args: string[];
  /** Global flags (root, log-level, host…). */
  globals: FlagValues;
  /** Abort on SIGINT/SIGTERM. */
  signal: AbortSignal;
  /** Long names of flags given explicitly (pflag's Changed), e.g. to tell `-t 0` from the default. */
  changed?: ReadonlySet<string>;
  /** The command as docker names it in messages, e.g. ["images"] or ["image", "ls"]. */
  path?: string[];
  /** Opens the TUI (`berth tui`); set when the process entry provides it. */
  openTui?: (opts: { readOnly?: boolean; theme?: string }) => Promise<number>;
  /** Starts the Engine API server (`berth serve`); the process entry wires src/api in. */
  openServer?: ServerOpener;
}

/** src/api/server's serve(), injected by bin/berth.js (the CLI never imports another front end). */
export type ServerOpener = (engine: Engine, opts: { host?: string; log?: (line: string) => void }) => Promise<{ socketPath: string; close(): Promise<void> }>;

/** src/api/client's connectEngine(), injected by bin/berth.js: the engine behind `--host` / DOCKER_HOST. */
export type EngineConnector = (host: string, opts?: { mapError?: (err: unknown) => unknown }) => Promise<Engine>;

export interface CommandDef {
  /** Full path, e.g. ["image", "ls"] or ["run"]. */
  path: string[];
  /** Alternative full paths, e.g. [["images"], ["image", "list"]]. */
  aliases?: string[][];
  /** Usage after the command path, e.g. "[OPTIONS] [REPOSITORY[:TAG]]". */
  usage: string;
  description: string;
  flags: FlagDef[];
  /** Stop flag parsing at the first positional argument (docker run/exec/create). */
  stopAtFirstArg?: boolean;
  /** Always the embedded engine on --root, whatever -H/DOCKER_HOST say (`serve` must never proxy itself). */
  localEngine?: boolean;
  /** Argument count check, docker's messages: exactly / at least / at most / range. */
  args?: { min?: number; max?: number };
  /** Returns the process exit code (0 on success). Throw EngineError for failures. */
  run(ctx: CommandContext): Promise<number>;
  /** Hidden verbs run but are not listed in help or completion (the monitor's cleanup hook). */
  hidden?: boolean;
  /** Completion hints for positional args (TUI REPL, shell completion). */
  complete?: 'container' | 'image' | 'volume' | 'file' | 'none';
}
