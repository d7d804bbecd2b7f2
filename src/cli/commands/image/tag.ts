/** `tag SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]` */
import type { CommandDef } from '../../command.js';

export const imageTag: CommandDef = {
  path: ['image', 'tag'],
  aliases: [['tag']],
  usage: 'SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]',
  description: 'Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE',
  args: { min: 2, max: 2 },
  complete: 'image',
  flags: [],
  async run(ctx) {
    const engine = await ctx.engine();
    await engine.tagImage(ctx.args[0]!, ctx.args[1]!);
    return 0;
  },
};
