/** `volume prune`: unused anonymous volumes (all unused ones with -a), after docker's prompt. */
import type { CommandDef } from '../../command.js';
import { humanSize } from '../../format/index.js';
import { parseFilters } from '../../util/filters.js';
import { confirm } from '../../util/confirm.js';
import { CliError } from '../../exit.js';

export const volumePrune: CommandDef = {
  path: ['volume', 'prune'],
  usage: '[OPTIONS]',
  description: 'Remove unused local volumes',
  args: { max: 0 },
  flags: [
    { name: 'all', short: 'a', type: 'bool', description: 'Remove all unused volumes, not just anonymous ones' },
    { name: 'filter', type: 'stringArray', valueName: 'filter', description: 'Provide filter values (e.g. "label=<label>")' },
    { name: 'force', short: 'f', type: 'bool', description: 'Do not prompt for confirmation' },
  ],
  async run(ctx) {
    const filters = parseFilters(ctx.flags.filter);
    const all = ctx.flags.all === true;
    if (all) {
      if (filters.all) throw new CliError('conflicting options: cannot specify both --all and --filter all=1', 1);
      filters.all = ['true'];
    }
    const warning = all
      ? 'WARNING! This will remove all local volumes not used by at least one container.'
      : 'WARNING! This will remove anonymous local volumes not used by at least one container.';
    if (!ctx.flags.force && !(await confirm(ctx.io, warning))) return 0;
    const res = await (await ctx.engine()).pruneVolumes({ filters });
    if (res.VolumesDeleted.length) ctx.io.stdout.write(`Deleted Volumes:\n${res.VolumesDeleted.map((n) => `${n}\n`).join('')}\n`);
    ctx.io.stdout.write(`Total reclaimed space: ${humanSize(res.SpaceReclaimed)}\n`);
    return 0;
  },
};
