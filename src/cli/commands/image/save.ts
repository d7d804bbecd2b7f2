/** `save -o FILE IMAGE...`: a tar holding both docker-archive and OCI layout views. */
import type { CommandDef } from '../../command.js';
import { asString, withOutput } from '../../util/io.js';

export const imageSave: CommandDef = {
  path: ['image', 'save'],
  aliases: [['save']],
  usage: '[OPTIONS] IMAGE [IMAGE...]',
  description: 'Save one or more images to a tar archive (streamed to STDOUT by default)',
  args: { min: 1 },
  complete: 'image',
  flags: [
    { name: 'output', short: 'o', type: 'string', valueName: 'string', description: 'Write to a file, instead of STDOUT' },
    { name: 'platform', type: 'stringArray', valueName: 'strings', description: 'Save only the given platform(s).', hidden: true },
  ],
  async run(ctx) {
    const engine = await ctx.engine();
    // resolve every name first so a typo fails before any byte is written
    for (const n of ctx.args) await engine.inspectImage(n);
    await withOutput(ctx.io, asString(ctx.flags.output), (out) => engine.saveImages(ctx.args, out));
    return 0;
  },
};
