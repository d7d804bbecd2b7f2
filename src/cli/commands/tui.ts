/** `berth tui`: the full-screen shell (also what `berth` alone opens on a terminal). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CommandDef } from '../command.js';
import { CliError } from '../exit.js';

/** What the TUI gets from `<root>/config.json`: its "tui" section, parsed here (the TUI may not read files). */
export interface TuiConfigFile {
  path: string;
  tui?: unknown;
  /** The file exists but is not JSON, or cannot be read: the TUI opens with defaults and says so. */
  error?: string;
}

/** Reads the "tui" section of berth's config file; a missing file (or section) is no config. */
export function readTuiConfig(root: string): TuiConfigFile {
  const path = join(root, 'config.json');
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    // Another user's state root (a --host client as non-root) is no config of this user's.
    return code === 'ENOENT' || code === 'ENOTDIR' || code === 'EACCES' ? { path } : { path, error: `cannot read it (${code ?? String(err)})` };
  }
  try {
    const raw = JSON.parse(text) as unknown;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { path, error: 'not a JSON object' };
    return { path, tui: (raw as Record<string, unknown>).tui };
  } catch (err) {
    return { path, error: `not valid JSON (${(err as Error).message})` };
  }
}

export const tuiCommand: CommandDef = {
  path: ['tui'],
  usage: '[OPTIONS]',
  description: 'Open the terminal UI (panes, logs, a command line, embedded terminals)',
  args: { max: 0 },
  flags: [
    { name: 'read-only', type: 'bool', description: 'Disable every action that changes state' },
    { name: 'theme', type: 'string', description: 'Color theme: dark, light or high-contrast (beats tui.theme in the config file)' },
  ],
  async run(ctx) {
    if (!ctx.openTui) throw new CliError('the terminal UI is not available from this entry point', 1);
    if (ctx.io.stdin.isTTY !== true || ctx.io.stdout.isTTY !== true) {
      throw new CliError('the terminal UI needs a terminal: stdin and stdout must be a TTY', 1);
    }
    return ctx.openTui({ readOnly: ctx.flags['read-only'] === true, theme: ctx.flags.theme as string | undefined });
  },
};
