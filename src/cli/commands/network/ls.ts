/** `network ls`: docker's NETWORK ID / NAME / DRIVER / SCOPE table (berth has the predefined networks). */
import type { CommandDef } from '../../command.js';
import { formatList } from '../../format/index.js';
import { FORMAT_FLAG } from '../../util/common-flags.js';
import { parseFilters } from '../../util/filters.js';
import { asString } from '../../util/io.js';

export const networkLs: CommandDef = {
  path: ['network', 'ls'],
  aliases: [['network', 'list']],
  usage: '[OPTIONS]',
  description: 'List networks',
  args: { max: 0 },
  complete: 'none',
  flags: [
    { name: 'filter', short: 'f', type: 'stringArray', valueName: 'filter', description: 'Provide filter values (e.g. "driver=bridge")' },
    FORMAT_FLAG,
    { name: 'no-trunc', type: 'bool', description: 'Do not truncate the output' },
    { name: 'quiet', short: 'q', type: 'bool', description: 'Only display network IDs' },
  ],
  async run(ctx) {
    const engine = await ctx.engine();
    const nets = await engine.listNetworks({ filters: parseFilters(ctx.flags.filter) });
    const trunc = ctx.flags['no-trunc'] !== true;
    // docker sorts by name
    nets.sort((a, b) => (a.Name < b.Name ? -1 : a.Name > b.Name ? 1 : 0));
    const rows = nets.map((n) => ({
      ID: trunc ? n.Id.slice(0, 12) : n.Id, Name: n.Name, Driver: n.Driver, Scope: n.Scope,
      IPv6: String(n.EnableIPv6), Internal: String(n.Internal), CreatedAt: n.Created,
      Labels: Object.entries(n.Labels).map(([k, v]) => `${k}=${v}`).join(','),
      Label(name: string) { return n.Labels[name] ?? ''; },
    }));
    ctx.io.stdout.write(formatList(rows, {
      format: asString(ctx.flags.format), defaultTable: 'table {{.ID}}\t{{.Name}}\t{{.Driver}}\t{{.Scope}}',
      headers: { ID: 'NETWORK ID', Name: 'NAME', Driver: 'DRIVER', Scope: 'SCOPE', IPv6: 'IPV6', Internal: 'INTERNAL', CreatedAt: 'CREATED AT', Labels: 'LABELS' },
      quiet: ctx.flags.quiet === true, quietFormat: '{{.ID}}',
    }));
    return 0;
  },
};
