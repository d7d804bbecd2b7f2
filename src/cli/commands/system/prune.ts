/**
 * `system prune`: docker's pruners in docker's order (containers, networks, volumes with
 * --volumes, images, build cache), one confirmation listing what goes, each pruner's report,
 * then the total. Networks, volumes and build cache have no engine yet: their lines are printed
 * as docker prints them and they delete nothing.
 */
import { pruneLines } from '../image/prune.js';
import type { CommandDef } from '../../command.js';
import { humanSize } from '../../format/index.js';
import { CliError } from '../../exit.js';
import { parseFilters } from '../../util/filters.js';
import { confirm } from '../../util/confirm.js';

/** docker's confirmationTemplate; `confirm` adds the blank line and "Are you sure…". */
export function pruneWarning(opts: { all: boolean; volumes: boolean; filters: Record<string, string[]> }): string {
  const items = ['all stopped containers', 'all networks not used by at least one container'];
  if (opts.volumes) items.push('all anonymous volumes not used by at least one container');
  items.push(opts.all ? 'all images without at least one container associated to them' : 'all dangling images');
  items.push(opts.all ? 'all build cache' : 'unused build cache');
  let text = `WARNING! This will remove:\n${items.map((i) => `  - ${i}\n`).join('')}`;
  const shown = ['label', 'label!', 'until'].flatMap((k) => (opts.filters[k] ?? []).map((v) => `${k}=${v}`))
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  if (shown.length) text += `\n  Items to be pruned will be filtered with:\n${shown.map((f) => `  - ${f}\n`).join('')}`;
  return text;
}

export const systemPrune: CommandDef = {
  path: ['system', 'prune'], usage: '[OPTIONS]', description: 'Remove unused data', args: { max: 0 },
  flags: [
    { name: 'all', short: 'a', type: 'bool', description: 'Remove all unused images not just dangling ones' },
    { name: 'filter', type: 'stringArray', valueName: 'filter', description: 'Provide filter values (e.g. "label=<key>=<value>")' },
    { name: 'force', short: 'f', type: 'bool', description: 'Do not prompt for confirmation' },
    { name: 'volumes', type: 'bool', description: 'Prune anonymous volumes' },
  ],
  async run(ctx) {
    const all = ctx.flags.all === true;
    const volumes = ctx.flags.volumes === true;
    const filters = parseFilters(ctx.flags.filter);
    if (volumes && filters.until) throw new CliError('ERROR: The "until" filter is not supported with "--volumes"', 1);
    if (!ctx.flags.force && !(await confirm(ctx.io, pruneWarning({ all, volumes, filters })))) return 0;
    const engine = await ctx.engine();
    const out = (s: string) => { if (s) ctx.io.stdout.write(`${s}\n`); };
    let reclaimed = 0;
    const ctr = await engine.pruneContainers({ filters });
    if (ctr.ContainersDeleted.length) {
      out(`Deleted Containers:\n${ctr.ContainersDeleted.map((id) => `${id}\n`).join('')}`);
      reclaimed += ctr.SpaceReclaimed;
    }
    // networks and (with --volumes) volumes: nothing to prune until their engines exist
    const img = await engine.pruneImages({ all, filters: { ...filters, dangling: [String(!all)] } });
    if (img.ImagesDeleted.length) {
      out(`Deleted Images:\n${pruneLines(img.ImagesDeleted)}`);
    }
    reclaimed += img.SpaceReclaimed;
    ctx.io.stdout.write(`Total reclaimed space: ${humanSize(reclaimed, 4)}\n`);
    return 0;
  },
};
