/** `export`: the container's root filesystem as a tar, to a file (-o) or a non-terminal stdout. */
import type { CommandDef } from '../../command.js';
import { asString, withOutput } from '../../util/io.js';

export const exportCommand: CommandDef = {
  path: ['container', 'export'], aliases: [['export']], usage: '[OPTIONS] CONTAINER',
  description: "Export a container's filesystem as a tar archive",
  args: { min: 1, max: 1 }, complete: 'container',
  flags: [{ name: 'output', short: 'o', type: 'string', valueName: 'string', description: 'Write to a file, instead of STDOUT' }],
  async run(ctx) {
    const output = asString(ctx.flags.output) || undefined;
    // withOutput refuses a terminal stdout before the engine is touched, with docker's message
    await withOutput(ctx.io, output, async (out) => (await ctx.engine()).exportContainer(ctx.args[0]!, out, ctx.signal));
    return 0;
  },
};
