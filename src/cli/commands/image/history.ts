/** `history`: one row per config history entry, newest first, docker's truncation and sizes. */
import type { CommandDef } from '../../command.js';
import { ellipsis, formatList, humanSize, timeAgo } from '../../format/index.js';
import { FORMAT_FLAG } from '../../util/common-flags.js';
import { asString } from '../../util/io.js';

export const imageHistory: CommandDef = {
  path: ['image', 'history'],
  aliases: [['history']],
  usage: '[OPTIONS] IMAGE',
  description: 'Show the history of an image',
  args: { min: 1, max: 1 },
  complete: 'image',
  flags: [
    FORMAT_FLAG,
    { name: 'human', short: 'H', type: 'bool', default: true, description: 'Print sizes and dates in human readable format' },
    { name: 'no-trunc', type: 'bool', description: "Don't truncate output" },
    { name: 'quiet', short: 'q', type: 'bool', description: 'Only show image IDs' },
  ],
  async run(ctx) {
    const engine = await ctx.engine();
    const items = await engine.imageHistory(ctx.args[0]!);
    const noTrunc = ctx.flags['no-trunc'] === true;
    const human = ctx.flags.human !== false;
    const id = (i: string) => (i === '<missing>' || noTrunc ? i : i.replace(/^sha256:/, '').slice(0, 12));
    if (ctx.flags.quiet) {
      ctx.io.stdout.write(items.map((i) => `${id(i.Id)}\n`).join(''));
      return 0;
    }
    const now = Date.now();
    const rows = items.map((h) => {
      const createdBy = h.CreatedBy.replace(/\t/g, ' ');
      return {
        ID: id(h.Id),
        CreatedSince: human ? timeAgo(h.Created * 1000, now) : new Date(h.Created * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
        CreatedAt: new Date(h.Created * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
        CreatedBy: noTrunc ? createdBy : ellipsis(createdBy, 45),
        Size: human ? humanSize(h.Size) : String(h.Size),
        Comment: h.Comment,
      };
    });
    // docker's non-human table shows CREATED AT (the timestamp) where the human one shows CREATED (ago)
    const table = `table {{.ID}}\t{{.${human ? 'CreatedSince' : 'CreatedAt'}}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}`;
    const headers = { ID: 'IMAGE', CreatedSince: 'CREATED', CreatedAt: 'CREATED AT', CreatedBy: 'CREATED BY', Size: 'SIZE', Comment: 'COMMENT' };
    ctx.io.stdout.write(formatList(rows, { format: asString(ctx.flags.format), defaultTable: table, headers }));
    return 0;
  },
};
