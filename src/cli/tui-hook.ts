/**
 * Opening the TUI from the CLI. The CLI and the TUI are both front ends (layer 5) and never import
 * each other: the process entry (bin/berth.js) injects an opener that loads the TUI lazily, and the
 * CLI hands it what it owns — the engine factory, the global flags, and its command table as
 * completion/resolution functions for the REPL line. The shapes mirror src/tui/launch.ts
 * (test/unit/tui/launch-contract.test.ts keeps them in step).
 */
import type { CommandDef, CommandIO } from './command.js';
import type { Engine } from '../engine/engine.js';
import type { GlobalOptions } from './global-flags.js';
import { completeWords } from './complete.js';
import { parseArgs } from './parse-args.js';
import { findCommand } from './resolve.js';
import { BIN } from './help.js';

export type TuiCommandDescription =
  | { kind: 'command'; path: string[]; interactive: boolean; complete?: CommandDef['complete'] }
  | { kind: 'group'; group: string }
  | { kind: 'unknown'; name: string; message: string }
  | { kind: 'none' };

export interface TuiCommandSupport {
  complete(line: string): string[];
  describe(words: string[]): TuiCommandDescription;
  /** The verb's parsed flags and arguments (long flag names), or the CLI's flag error text. */
  parse?(words: string[]): TuiParsedCommand;
}

export type TuiParsedCommand =
  | { kind: 'command'; path: string[]; flags: Record<string, unknown>; args: string[] }
  | { kind: 'error'; message: string };

export interface TuiLaunchRequest {
  createEngine(): Promise<Engine>;
  berth: string[];
  commands: TuiCommandSupport;
  env: NodeJS.ProcessEnv;
  readOnly?: boolean;
  theme?: string;
  /** The "tui" section of <root>/config.json (src/cli/commands/tui.ts readTuiConfig). */
  tuiConfig?: { path: string; tui?: unknown; error?: string };
  signal?: AbortSignal;
}

export type TuiOpener = (launch: TuiLaunchRequest) => Promise<number>;

/** `berth` with no verb opens the TUI only when both ends are a terminal (a pipe or CI gets help). */
export function isTerminal(io: CommandIO): boolean {
  return io.stdin.isTTY === true && io.stdout.isTTY === true;
}

/** The REPL's view of the command table: resolution and completion, nothing that runs a verb. */
export function commandSupport(table: CommandDef[]): TuiCommandSupport {
  return {
    complete: (line) => completeWords(line, table),
    describe: (words) => {
      const r = findCommand(words, table);
      if (r.kind === 'unknown') {
        const name = r.group ? `${r.group} ${r.name}` : r.name;
        return { kind: 'unknown', name, message: `${BIN}: unknown command: ${BIN} ${name}` };
      }
      if (r.kind !== 'command') return r.kind === 'group' ? { kind: 'group', group: r.group } : { kind: 'none' };
      let interactive = r.def.path.join(' ') === 'container attach' || r.def.path[0] === 'attach';
      try {
        const p = parseArgs(r.def.flags, r.rest, { stopAtFirstArg: r.def.stopAtFirstArg });
        interactive ||= p.flags.interactive === true || p.flags.tty === true;
      } catch { /* a flag error shows when the verb runs */ }
      return { kind: 'command', path: r.path, interactive, complete: r.def.complete };
    },
    parse: (words) => {
      const r = findCommand(words, table);
      if (r.kind !== 'command') return { kind: 'error', message: `${BIN}: not a command: ${words.join(' ')}` };
      try {
        const p = parseArgs(r.def.flags, r.rest, { stopAtFirstArg: r.def.stopAtFirstArg });
        return { kind: 'command', path: r.def.path, flags: p.flags, args: p.args };
      } catch (err) {
        return { kind: 'error', message: err instanceof Error ? err.message : String(err) };
      }
    },
  };
}

/** Global flags that make a spawned `berth` talk to the same engine. */
export function globalArgv(o: GlobalOptions): string[] {
  return [...(o.host ? ['--host', o.host] : ['--root', o.root]), '--log-level', o.logLevel, ...(o.debug ? ['--debug'] : [])];
}
