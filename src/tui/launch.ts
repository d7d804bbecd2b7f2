/**
 * What the process entry hands the TUI. The CLI and the TUI are both layer 5 and may not import
 * each other (scripts/lint-layers.mjs), so the CLI's command table reaches the REPL as data and
 * functions here, wired at the process entry (bin/berth.js → src/cli/main.ts → runTui).
 */
import type { Engine } from '../engine/engine.js';

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
}

export interface TuiLaunch {
  createEngine(): Promise<Engine>;
  /** argv that runs this berth with the same global flags, e.g. [node, bin/berth.js, --root, /x]. */
  berth: string[];
  commands: CommandSupport;
  env: NodeJS.ProcessEnv;
  readOnly?: boolean;
  theme?: string;
  /** Aborted on SIGTERM/SIGINT by the CLI's entry; the TUI exits cleanly. */
  signal?: AbortSignal;
  stdin?: NodeJS.ReadStream;
  stdout?: NodeJS.WriteStream;
}
