/** `network inspect`: docker's JSON array, or a template per network. */
import type { CommandDef } from '../../command.js';
import { INSPECT_FORMAT_FLAG } from '../../util/common-flags.js';
import { printInspect } from '../image/inspect.js';

export const networkInspect: CommandDef = {
  path: ['network', 'inspect'],
  usage: '[OPTIONS] NETWORK [NETWORK...]',
  description: 'Display detailed information on one or more networks',
  args: { min: 1 },
  complete: 'none',
  flags: [INSPECT_FORMAT_FLAG],
  async run(ctx) {
    const engine = await ctx.engine();
    return printInspect(ctx, ctx.args, 'network', (n) => engine.inspectNetwork(n));
  },
};
