/** `load [-i FILE]`: docker-archive or OCI layout tars, from a file or stdin. */
import type { CommandDef } from '../../command.js';
import { asString, inputStream } from '../../util/io.js';
import { CliError } from '../../exit.js';

export const imageLoad: CommandDef = {
  path: ['image', 'load'],
  aliases: [['load']],
  usage: '[OPTIONS]',
  description: 'Load an image from a tar archive or STDIN',
  args: { max: 0 },
  flags: [
    { name: 'input', short: 'i', type: 'string', valueName: 'string', description: 'Read from tar archive file, instead of STDIN' },
    { name: 'quiet', short: 'q', type: 'bool', description: 'Suppress the load output' },
    { name: 'platform', type: 'stringArray', valueName: 'strings', description: 'Load only the given platform(s).', hidden: true },
  ],
  async run(ctx) {
    const file = asString(ctx.flags.input);
    if (!file && ctx.io.stdin.isTTY) throw new CliError('requested load from stdin, but stdin is empty');
    const engine = await ctx.engine();
    const res = await engine.loadImages(inputStream(ctx.io, file, 'load'), { signal: ctx.signal });
    if (!ctx.flags.quiet) {
      for (const l of res.loaded) ctx.io.stdout.write(l.tag ? `Loaded image: ${l.tag}\n` : `Loaded image ID: ${l.id}\n`);
    }
    return 0;
  },
};
