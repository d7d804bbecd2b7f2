/** `volume ls`: docker's DRIVER / VOLUME NAME table, natural name order, filters and formats. */
import type { CommandDef } from '../../command.js';
import type { Volume } from '../../../engine/types.js';
import { formatList, humanSize } from '../../format/index.js';
import { FORMAT_FLAG } from '../../util/common-flags.js';
import { parseFilters } from '../../util/filters.js';
import { asString } from '../../util/io.js';

/** sortorder.NaturalLess: digit runs compare as numbers. */
export function naturalCompare(a: string, b: string): number {
  const re = /(\d+)|(\D+)/g;
  const x = a.match(re) ?? [];
  const y = b.match(re) ?? [];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const [p, q] = [x[i]!, y[i]!];
    if (p === q) continue;
    const np = /^\d/.test(p) && /^\d/.test(q);
    if (np && Number(p) !== Number(q)) return Number(p) - Number(q);
    return p < q ? -1 : 1;
  }
  return x.length - y.length;
}

/** The fields docker's volume formatter offers (Links and Size only with usage data). */
export function volumeRows(volumes: Volume[]) {
  return volumes.map((v) => ({
    Name: v.Name, Driver: v.Driver, Scope: v.Scope, Mountpoint: v.Mountpoint,
    Labels: Object.entries(v.Labels ?? {}).map(([k, val]) => `${k}=${val}`).join(','),
    Links: v.UsageData ? String(v.UsageData.RefCount) : 'N/A',
    Size: v.UsageData ? humanSize(v.UsageData.Size) : 'N/A',
    Group: 'N/A', Availability: 'N/A', Status: 'N/A',
    Label(name: string) { return v.Labels?.[name] ?? ''; },
  }));
}

export const VOLUME_HEADERS = {
  Name: 'VOLUME NAME', Driver: 'DRIVER', Scope: 'SCOPE', Mountpoint: 'MOUNTPOINT', Labels: 'LABELS', Links: 'LINKS', Size: 'SIZE',
  Group: 'GROUP', Availability: 'AVAILABILITY', Status: 'STATUS',
};

export const volumeLs: CommandDef = {
  path: ['volume', 'ls'],
  aliases: [['volume', 'list']],
  usage: '[OPTIONS]',
  description: 'List volumes',
  args: { max: 0 },
  complete: 'none',
  flags: [
    { name: 'filter', short: 'f', type: 'stringArray', valueName: 'filter', description: 'Provide filter values (e.g. "dangling=true")' },
    FORMAT_FLAG,
    { name: 'quiet', short: 'q', type: 'bool', description: 'Only display volume names' },
  ],
  async run(ctx) {
    const engine = await ctx.engine();
    const { Volumes } = await engine.listVolumes({ filters: parseFilters(ctx.flags.filter) });
    Volumes.sort((a, b) => naturalCompare(a.Name, b.Name));
    ctx.io.stdout.write(formatList(volumeRows(Volumes), {
      format: asString(ctx.flags.format), defaultTable: 'table {{.Driver}}\t{{.Name}}', headers: VOLUME_HEADERS,
      quiet: ctx.flags.quiet === true, quietFormat: '{{.Name}}',
    }));
    return 0;
  },
};
