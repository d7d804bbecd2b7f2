/** `rmi` / `image rm`: untag or delete, printing docker's Untagged:/Deleted: lines. */
import type { CommandDef } from '../../command.js';
import type { ImageDeleteItem } from '../../../engine/types.js';
import { EngineError } from '../../../lib/errors.js';

export function deleteLines(items: ImageDeleteItem[]): string {
  return items.map((i) => (i.Untagged ? `Untagged: ${i.Untagged}\n` : `Deleted: ${i.Deleted}\n`)).join('');
}

export const imageRm: CommandDef = {
  path: ['image', 'rm'],
  aliases: [['rmi'], ['image', 'remove']],
  usage: '[OPTIONS] IMAGE [IMAGE...]',
  description: 'Remove one or more images',
  args: { min: 1 },
  complete: 'image',
  flags: [
    { name: 'force', short: 'f', type: 'bool', description: 'Force removal of the image' },
    { name: 'no-prune', type: 'bool', description: 'Do not delete untagged parents' },
  ],
  async run(ctx) {
    const engine = await ctx.engine();
    let failed: EngineError | undefined;
    // like docker: remove each in turn, report every failure, exit non-zero if any failed
    for (const name of ctx.args) {
      try {
        ctx.io.stdout.write(deleteLines(await engine.removeImage(name, { force: ctx.flags.force === true, noPrune: ctx.flags['no-prune'] === true })));
      } catch (err) {
        if (!(err instanceof EngineError)) throw err;
        if (ctx.args.length === 1) throw err;
        ctx.io.stderr.write(`Error response from daemon: ${err.message}\n`);
        failed = err;
      }
    }
    return failed ? 1 : 0;
  },
};
