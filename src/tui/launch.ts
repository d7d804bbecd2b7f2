/**
 * What the process entry hands the TUI. The CLI and the TUI are both layer 5 and may not import
 * each other (scripts/lint-layers.mjs), so the CLI's command table reaches the REPL as data and
 * functions here, wired at the process entry (bin/berth.js → src/cli/main.ts → runTui).
 */
import type { Engine } from '../engine/engine.js';
import type { TuiConfigSource } from './keymap/config.js';

/** How the CLI's command table resolves a REPL line (src/cli/resolve.ts findCommand + parse-args). */
export type CommandDescription =
  | { kind: 'command'; path: string[]; interactive: boolean; complete?: 'container' | 'image' | 'volume' | 'file' | 'none' }
  | { kind: 'group'; group: string }
  | { kind: 'unknown'; name: string; message: string }
  | { kind: 'none' };

export interface CommandSupport {
  /** Completion candidates (verbs, groups, flags) for the word under the cursor at the end of `line`. */
  complete(line: string): string[];
  /** What `words` (a command line without `berth`) would run. */
  describe(words: string[]): CommandDescription;
  /** The verb's parsed flags (long names) and arguments, for the verbs the TUI runs in-process. */
  parse?(words: string[]): ParsedCommand;
}

export type ParsedCommand =
  | { kind: 'command'; path: string[]; flags: Record<string, unknown>; args: string[] }
  | { kind: 'error'; message: string };

export interface TuiLaunch {
  createEngine(): Promise<Engine>;
  /** argv that runs this berth with the same global flags, e.g. [node, bin/berth.js, --root, /x]. */
  berth: string[];
  commands: CommandSupport;
  env: NodeJS.ProcessEnv;
  readOnly?: boolean;
  theme?: string;
  /** The "tui" section of berth's config file, read by the CLI (keymap/config.ts applies it). */
  tuiConfig?: TuiConfigSource;
  /** Aborted on SIGTERM/SIGINT by the CLI's entry; the TUI exits cleanly. */
  signal?: AbortSignal;
  stdin?: NodeJS.ReadStream;
  stdout?: NodeJS.WriteStream;
}
