/** `image prune`: dangling images (or all unused with -a), with docker's confirmation prompt. */
import type { CommandDef } from '../../command.js';
import type { ImageDeleteItem } from '../../../engine/types.js';
import { humanSize } from '../../format/index.js';
import { parseFilters } from '../../util/filters.js';
import { confirm } from '../../util/confirm.js';

/** docker's prune report uses lowercase, unlike rmi's Untagged:/Deleted: lines. */
export function pruneLines(items: ImageDeleteItem[]): string {
  return items.map((i) => (i.Untagged ? `untagged: ${i.Untagged}\n` : `deleted: ${i.Deleted}\n`)).join('');
}

export const imagePrune: CommandDef = {
  path: ['image', 'prune'],
  usage: '[OPTIONS]',
  description: 'Remove unused images',
  args: { max: 0 },
  flags: [
    { name: 'all', short: 'a', type: 'bool', description: 'Remove all unused images, not just dangling ones' },
    { name: 'filter', type: 'stringArray', valueName: 'filter', description: 'Provide filter values (e.g. "until=<timestamp>")' },
    { name: 'force', short: 'f', type: 'bool', description: 'Do not prompt for confirmation' },
  ],
  async run(ctx) {
    const all = ctx.flags.all === true;
    const warning = all
      ? 'WARNING! This will remove all images without at least one container associated to them.'
      : 'WARNING! This will remove all dangling images.';
    if (!ctx.flags.force && !(await confirm(ctx.io, warning))) return 0;
    const engine = await ctx.engine();
    const res = await engine.pruneImages({ all, filters: parseFilters(ctx.flags.filter) });
    if (res.ImagesDeleted.length) ctx.io.stdout.write(`Deleted Images:\n${pruneLines(res.ImagesDeleted)}\n`);
    ctx.io.stdout.write(`Total reclaimed space: ${humanSize(res.SpaceReclaimed, 4)}\n`);
    return 0;
  },
};
