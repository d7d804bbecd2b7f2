/** `import file|- [REPOSITORY[:TAG]]`: a rootfs tarball becomes a one-layer image. */
import type { CommandDef } from '../../command.js';
import { asString, asStrings, inputStream } from '../../util/io.js';
import { invalid } from '../../../lib/errors.js';

export const imageImport: CommandDef = {
  path: ['image', 'import'],
  aliases: [['import']],
  usage: '[OPTIONS] file|URL|- [REPOSITORY[:TAG]]',
  description: 'Import the contents from a tarball to create a filesystem image',
  args: { min: 1, max: 2 },
  complete: 'file',
  flags: [
    { name: 'change', short: 'c', type: 'stringArray', valueName: 'list', description: 'Apply Dockerfile instruction to the created image' },
    { name: 'message', short: 'm', type: 'string', valueName: 'string', description: 'Set commit message for imported image' },
    { name: 'platform', type: 'string', valueName: 'string', description: 'Set platform if server is multi-platform capable' },
  ],
  async run(ctx) {
    const src = ctx.args[0]!;
    if (/^https?:\/\//.test(src)) throw invalid(`importing from a URL is not supported yet: ${src}`);
    const engine = await ctx.engine();
    const id = await engine.importImage(inputStream(ctx.io, src, 'import'), {
      reference: ctx.args[1], changes: asStrings(ctx.flags.change), message: asString(ctx.flags.message),
      source: src === '-' ? '-' : src, platform: asString(ctx.flags.platform),
    });
    ctx.io.stdout.write(`${id}\n`);
    return 0;
  },
};
