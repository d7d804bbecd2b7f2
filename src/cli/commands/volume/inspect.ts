/** `volume inspect`: docker's JSON array, or a template per volume; misses as "Error: No such volume". */
import type { CommandDef } from '../../command.js';
import { INSPECT_FORMAT_FLAG } from '../../util/common-flags.js';
import { printInspect } from '../image/inspect.js';

export const volumeInspect: CommandDef = {
  path: ['volume', 'inspect'],
  usage: '[OPTIONS] VOLUME [VOLUME...]',
  description: 'Display detailed information on one or more volumes',
  args: { min: 1 },
  complete: 'volume',
  flags: [INSPECT_FORMAT_FLAG],
  async run(ctx) {
    const engine = await ctx.engine();
    return printInspect(ctx, ctx.args, 'volume', (n) => engine.inspectVolume(n));
  },
};
