/** `container inspect` and `container prune`. */
import type { CommandDef } from '../../command.js';
import { INSPECT_FORMAT_FLAG } from '../../util/common-flags.js';
import { printInspect } from '../image/inspect.js';
import { humanSize } from '../../format/index.js';
import { parseFilters } from '../../util/filters.js';
import { confirm } from '../../util/confirm.js';

export const containerInspect: CommandDef = {
  path: ['container', 'inspect'], usage: '[OPTIONS] CONTAINER [CONTAINER...]',
  description: 'Display detailed information on one or more containers', args: { min: 1 }, complete: 'container',
  flags: [INSPECT_FORMAT_FLAG, { name: 'size', short: 's', type: 'bool', description: 'Display total file sizes' }],
  async run(ctx) {
    const engine = await ctx.engine();
    return printInspect(ctx, ctx.args, 'container', (n) => engine.inspectContainer(n));
  },
};

export const containerPrune: CommandDef = {
  path: ['container', 'prune'], usage: '[OPTIONS]', description: 'Remove all stopped containers', args: { max: 0 },
  flags: [
    { name: 'filter', type: 'stringArray', valueName: 'filter', description: 'Provide filter values (e.g. "until=<timestamp>")' },
    { name: 'force', short: 'f', type: 'bool', description: 'Do not prompt for confirmation' },
  ],
  async run(ctx) {
    if (!ctx.flags.force && !(await confirm(ctx.io, 'WARNING! This will remove all stopped containers.'))) return 0;
    const res = await (await ctx.engine()).pruneContainers({ filters: parseFilters(ctx.flags.filter) });
    if (res.ContainersDeleted.length) ctx.io.stdout.write(`Deleted Containers:\n${res.ContainersDeleted.map((i) => `${i}\n`).join('')}\n`);
    ctx.io.stdout.write(`Total reclaimed space: ${humanSize(res.SpaceReclaimed, 4)}\n`);
    return 0;
  },
};
