/** `system df`: docker's usage summary table (and -v detail). */
import type { CommandDef } from '../../command.js';
import { formatList, humanSize, timeAgo } from '../../format/index.js';
import type { BuildCacheEntry } from '../../../build/types.js';
import { FORMAT_FLAG } from '../../util/common-flags.js';
import { asString } from '../../util/io.js';
import { imageRows } from '../image/ls.js';
import { containerRows, HEADERS as CONTAINER_HEADERS } from '../container/ps.js';
import { volumeRows, VOLUME_HEADERS } from '../volume/ls.js';
import type { Volume } from '../../../engine/types.js';

const pct = (part: number, total: number) => (total > 0 ? ` (${Math.round((part * 100) / total)}%)` : '');

export const systemDf: CommandDef = {
  path: ['system', 'df'],
  usage: '[OPTIONS]',
  description: 'Show docker disk usage',
  args: { max: 0 },
  flags: [FORMAT_FLAG, { name: 'verbose', short: 'v', type: 'bool', description: 'Show detailed information on space usage' }],
  async run(ctx) {
    const engine = await ctx.engine();
    const du = await engine.diskUsage();
    const activeImages = du.Images.filter((i) => i.Containers > 0);
    const reclaimImages = du.Images.filter((i) => i.Containers <= 0).reduce((n, i) => n + i.Size, 0);
    const volumes = du.Volumes as { UsageData?: { Size: number; RefCount: number } }[];
    const containers = du.Containers as { SizeRw?: number; State?: string }[];
    const volSize = volumes.reduce((n, v) => n + Math.max(0, v.UsageData?.Size ?? 0), 0);
    const volReclaim = volumes.filter((v) => !v.UsageData?.RefCount).reduce((n, v) => n + Math.max(0, v.UsageData?.Size ?? 0), 0);
    const ctrSize = containers.reduce((n, c) => n + (c.SizeRw ?? 0), 0);
    const ctrReclaim = containers.filter((c) => c.State !== 'running').reduce((n, c) => n + (c.SizeRw ?? 0), 0);
    const cache = du.BuildCache as { Size?: number; InUse?: boolean }[];
    const cacheSize = cache.reduce((n, c) => n + (c.Size ?? 0), 0);
    if (ctx.flags.verbose) {
      ctx.io.stdout.write('Images space usage:\n\n');
      ctx.io.stdout.write(formatList(imageRows(du.Images, false).map((r, i) => ({ ...r, SharedSize: '0B', UniqueSize: r.Size, Containers: String(Math.max(0, du.Images[i]?.Containers ?? 0)) })), {
        defaultTable: 'table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}\t{{.SharedSize}}\t{{.UniqueSize}}\t{{.Containers}}',
        headers: { Repository: 'REPOSITORY', Tag: 'TAG', ID: 'IMAGE ID', CreatedSince: 'CREATED', Size: 'SIZE', SharedSize: 'SHARED SIZE', UniqueSize: 'UNIQUE SIZE', Containers: 'CONTAINERS' },
      }));
      ctx.io.stdout.write(`\nContainers space usage:\n\n${formatList(containerRows(du.Containers, false), {
        defaultTable: 'table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.LocalVolumes}}\t{{.Size}}\t{{.RunningFor}}\t{{.Status}}\t{{.Names}}', headers: CONTAINER_HEADERS,
      })}`);
      ctx.io.stdout.write(`\nLocal Volumes space usage:\n\n${formatList(volumeRows(du.Volumes as Volume[]), { defaultTable: 'table {{.Name}}\t{{.Links}}\t{{.Size}}', headers: VOLUME_HEADERS })}`);
      ctx.io.stdout.write(`\nBuild cache usage: ${humanSize(cacheSize)}\n\n${formatList(cacheRows(du.BuildCache as unknown as BuildCacheEntry[]), {
        defaultTable: 'table {{.ID}}\t{{.CacheType}}\t{{.Size}}\t{{.CreatedSince}}\t{{.LastUsedSince}}\t{{.UsageCount}}\t{{.Shared}}',
        headers: { ID: 'CACHE ID', CacheType: 'CACHE TYPE', Size: 'SIZE', CreatedSince: 'CREATED', LastUsedSince: 'LAST USED', UsageCount: 'USAGE', Shared: 'SHARED' },
      })}`);
      return 0;
    }
    const rows = [
      { Type: 'Images', TotalCount: String(du.Images.length), Active: String(activeImages.length), Size: humanSize(du.LayersSize, 4), Reclaimable: humanSize(reclaimImages, 4) + pct(reclaimImages, du.LayersSize) },
      { Type: 'Containers', TotalCount: String(containers.length), Active: String(containers.filter((c) => c.State === 'running' || c.State === 'paused' || c.State === 'restarting').length), Size: humanSize(ctrSize, 4), Reclaimable: humanSize(ctrReclaim, 4) + pct(ctrReclaim, ctrSize) },
      { Type: 'Local Volumes', TotalCount: String(volumes.length), Active: String(volumes.filter((v) => v.UsageData?.RefCount).length), Size: humanSize(volSize, 4), Reclaimable: humanSize(volReclaim, 4) + pct(volReclaim, volSize) },
      { Type: 'Build Cache', TotalCount: String(cache.length), Active: String(cache.filter((c) => c.InUse).length), Size: humanSize(cacheSize, 4), Reclaimable: humanSize(cacheSize, 4) },
    ];
    ctx.io.stdout.write(formatList(rows, {
      format: asString(ctx.flags.format),
      defaultTable: 'table {{.Type}}\t{{.TotalCount}}\t{{.Active}}\t{{.Size}}\t{{.Reclaimable}}',
      headers: { Type: 'TYPE', TotalCount: 'TOTAL', Active: 'ACTIVE', Size: 'SIZE', Reclaimable: 'RECLAIMABLE' },
    }));
    return 0;
  },
};

/** docker's verbose build cache rows (formatter.buildCacheContext). */
function cacheRows(cache: BuildCacheEntry[], now = Date.now()) {
  return cache.map((c) => ({
    ID: c.ID.replace(/^sha256:/, '').slice(0, 12), CacheType: c.Type, Size: humanSize(c.Size),
    CreatedSince: timeAgo(Date.parse(c.CreatedAt), now), LastUsedSince: c.LastUsedAt ? timeAgo(Date.parse(c.LastUsedAt), now) : '',
    UsageCount: String(c.UsageCount), Shared: String(c.Shared),
  }));
}
