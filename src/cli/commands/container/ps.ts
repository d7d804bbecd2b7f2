/** `ps` / `container ls`: docker's columns, truncation, quoting and filters. */
import type { CommandDef } from '../../command.js';
import type { ContainerSummary } from '../../../engine/types.js';
import { ellipsis, formatList, goTime, humanSize, timeAgo } from '../../format/index.js';
import { FORMAT_FLAG } from '../../util/common-flags.js';
import { parseFilters } from '../../util/filters.js';
import { asString } from '../../util/io.js';

export function containerRows(list: ContainerSummary[], noTrunc: boolean, now = Date.now()) {
  return list.map((c) => ({
    ID: noTrunc ? c.Id : c.Id.slice(0, 12),
    Image: !noTrunc && c.Image.startsWith('sha256:') ? c.Image.slice(7, 19) : c.Image,
    Command: JSON.stringify(noTrunc ? c.Command : ellipsis(c.Command, 20)),
    CreatedAt: goTime(c.Created * 1000), RunningFor: timeAgo(c.Created * 1000, now),
    Ports: c.Ports.map((p) => (p.PublicPort ? `${p.IP ?? '0.0.0.0'}:${p.PublicPort}->${p.PrivatePort}/${p.Type}` : `${p.PrivatePort}/${p.Type}`)).join(', '),
    State: c.State, Status: c.Status,
    Size: c.SizeRw === undefined ? '' : `${humanSize(c.SizeRw)} (virtual ${humanSize(c.SizeRootFs ?? 0)})`,
    Names: c.Names.map((n) => n.replace(/^\//, '')).join(','),
    Labels: Object.entries(c.Labels).map(([k, v]) => `${k}=${v}`).join(','),
    // docker's MOUNTS: volume names or bind sources, each cut to 15 columns unless --no-trunc
    Mounts: c.Mounts.map((m) => (noTrunc ? m.Name || m.Source : ellipsis(m.Name || m.Source, 15))).join(','), Networks: Object.keys(c.NetworkSettings.Networks).join(','),
    LocalVolumes: String(c.Mounts.filter((m) => m.Type === 'volume').length),
  }));
}

export const HEADERS = {
  ID: 'CONTAINER ID', Image: 'IMAGE', Command: 'COMMAND', CreatedAt: 'CREATED AT', RunningFor: 'CREATED', Ports: 'PORTS',
  State: 'STATE', Status: 'STATUS', Size: 'SIZE', Names: 'NAMES', Labels: 'LABELS', Mounts: 'MOUNTS', Networks: 'NETWORKS', LocalVolumes: 'LOCAL VOLUMES',
};

export const psCommand: CommandDef = {
  path: ['container', 'ls'],
  aliases: [['ps'], ['container', 'list'], ['container', 'ps']],
  usage: '[OPTIONS]',
  description: 'List containers',
  args: { max: 0 },
  flags: [
    { name: 'all', short: 'a', type: 'bool', description: 'Show all containers (default shows just running)' },
    { name: 'filter', short: 'f', type: 'stringArray', valueName: 'filter', description: 'Filter output based on conditions provided' },
    FORMAT_FLAG,
    { name: 'last', short: 'n', type: 'int', valueName: 'int', default: -1, description: 'Show n last created containers (includes all states)' },
    { name: 'latest', short: 'l', type: 'bool', description: 'Show the latest created container (includes all states)' },
    { name: 'no-trunc', type: 'bool', description: "Don't truncate output" },
    { name: 'quiet', short: 'q', type: 'bool', description: 'Only display container IDs' },
    { name: 'size', short: 's', type: 'bool', description: 'Display total file sizes' },
  ],
  async run(ctx) {
    const engine = await ctx.engine();
    const last = ctx.flags.latest ? 1 : (ctx.flags.last as number);
    const list = await engine.listContainers({
      all: ctx.flags.all === true, limit: last > 0 ? last : undefined, size: ctx.flags.size === true, filters: parseFilters(ctx.flags.filter),
    });
    const noTrunc = ctx.flags['no-trunc'] === true;
    const rows = containerRows(list, noTrunc);
    const table = `table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}${ctx.flags.size ? '\t{{.Size}}' : ''}`;
    ctx.io.stdout.write(formatList(rows, { format: asString(ctx.flags.format), defaultTable: table, headers: HEADERS, quiet: ctx.flags.quiet === true }));
    return 0;
  },
};
