/** `diff`: the container's filesystem changes, one "A|C|D /path" line each, as docker prints them. */
import type { CommandDef } from '../../command.js';

const KIND = ['C', 'A', 'D'] as const;

export const diffCommand: CommandDef = {
  path: ['container', 'diff'], aliases: [['diff']], usage: 'CONTAINER',
  description: "Inspect changes to files or directories on a container's filesystem",
  args: { min: 1, max: 1 }, complete: 'container', flags: [],
  async run(ctx) {
    const changes = await (await ctx.engine()).containerChanges(ctx.args[0]!);
    ctx.io.stdout.write(changes.map((c) => `${KIND[c.Kind]} ${c.Path}\n`).join(''));
    return 0;
  },
};
