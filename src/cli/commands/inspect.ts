/** `inspect NAME...`: docker's generic inspect; looks a name up as each object type in turn. */
import type { CommandDef } from '../command.js';
import { INSPECT_FORMAT_FLAG } from '../util/common-flags.js';
import { printInspect } from './image/inspect.js';
import { asString } from '../util/io.js';
import { notFound, isEngineError } from '../../lib/errors.js';

export const inspectCommand: CommandDef = {
  path: ['inspect'],
  usage: '[OPTIONS] NAME|ID [NAME|ID...]',
  description: 'Return low-level information on Docker objects',
  args: { min: 1 },
  complete: 'image',
  flags: [
    INSPECT_FORMAT_FLAG,
    { name: 'size', short: 's', type: 'bool', description: 'Display total file sizes if the type is container' },
    { name: 'type', type: 'string', valueName: 'string', description: 'Only inspect objects of the given type' },
  ],
  async run(ctx) {
    const engine = await ctx.engine();
    const type = asString(ctx.flags.type);
    const lookups: [string, (n: string) => Promise<unknown>][] = [
      ['container', (n) => engine.inspectContainer(n)], ['image', (n) => engine.inspectImage(n)], ['volume', (n) => engine.inspectVolume(n)],
    ];
    return printInspect(ctx, ctx.args, type ?? 'object', async (name) => {
      for (const [t, get] of lookups) {
        if (type && type !== t) continue;
        try { return await get(name); } catch (err) { if (!isEngineError(err, 'NOT_FOUND')) throw err; }
      }
      throw notFound(`No such object: ${name}`);
    });
  },
};
