/** `berth tui`: the full-screen shell (also what `berth` alone opens on a terminal). */
import type { CommandDef } from '../command.js';
import { CliError } from '../exit.js';

export const tuiCommand: CommandDef = {
  path: ['tui'],
  usage: '[OPTIONS]',
  description: 'Open the terminal UI (panes, logs, a command line, embedded terminals)',
  args: { max: 0 },
  flags: [
    { name: 'read-only', type: 'bool', description: 'Disable every action that changes state' },
    { name: 'theme', type: 'string', description: 'Color theme: dark, light or high-contrast' },
  ],
  async run(ctx) {
    if (!ctx.openTui) throw new CliError('the terminal UI is not available from this entry point', 1);
    if (ctx.io.stdin.isTTY !== true || ctx.io.stdout.isTTY !== true) {
      throw new CliError('the terminal UI needs a terminal: stdin and stdout must be a TTY', 1);
    }
    return ctx.openTui({ readOnly: ctx.flags['read-only'] === true, theme: ctx.flags.theme as string | undefined });
  },
};
