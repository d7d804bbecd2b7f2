/** `berth images` / `image ls`: docker's columns, one row per tag, `<none>` for dangling images. */
import type { CommandDef } from '../../command.js';
import type { ImageSummary } from '../../../engine/types.js';
import { formatList, humanSize, timeAgo, goTime } from '../../format/index.js';
import { parseFilters } from '../../util/filters.js';
import { asString } from '../../util/io.js';
import { FORMAT_FLAG } from '../../util/common-flags.js';

export interface ImageRow {
  ID: string; Repository: string; Tag: string; Digest: string; CreatedSince: string; CreatedAt: string;
  Size: string; Containers: string; VirtualSize: string; SharedSize: string; UniqueSize: string;
}

function splitTag(t: string): [string, string] {
  const at = t.indexOf('@');
  if (at >= 0) return [t.slice(0, at), t.slice(at + 1)];
  const colon = t.lastIndexOf(':');
  return colon > t.lastIndexOf('/') ? [t.slice(0, colon), t.slice(colon + 1)] : [t, '<none>'];
}

export function imageRows(images: ImageSummary[], noTrunc: boolean, now = Date.now()): ImageRow[] {
  const rows: ImageRow[] = [];
  for (const img of images) {
    const base = {
      ID: noTrunc ? img.Id : img.Id.replace(/^sha256:/, '').slice(0, 12),
      CreatedSince: timeAgo(img.Created * 1000, now), CreatedAt: goTime(img.Created * 1000),
      Size: humanSize(img.Size), VirtualSize: humanSize(img.Size),
      Containers: img.Containers < 0 ? 'N/A' : String(img.Containers),
      SharedSize: img.SharedSize < 0 ? 'N/A' : humanSize(img.SharedSize), UniqueSize: 'N/A',
    };
    const digests = img.RepoDigests.map(splitTag);
    const digestFor = (repo: string) => digests.find(([r]) => r === repo)?.[1] ?? '<none>';
    if (img.RepoTags.length === 0) {
      const [repo, dg] = digests[0] ?? ['<none>', '<none>'];
      rows.push({ ...base, Repository: repo, Tag: '<none>', Digest: dg });
      continue;
    }
    for (const t of img.RepoTags) {
      const [repo, tag] = splitTag(t);
      rows.push({ ...base, Repository: repo, Tag: tag, Digest: digestFor(repo) });
    }
  }
  return rows;
}

const HEADERS = {
  ID: 'IMAGE ID', Repository: 'REPOSITORY', Tag: 'TAG', Digest: 'DIGEST', CreatedSince: 'CREATED', CreatedAt: 'CREATED AT',
  Size: 'SIZE', Containers: 'CONTAINERS', VirtualSize: 'VIRTUAL SIZE', SharedSize: 'SHARED SIZE', UniqueSize: 'UNIQUE SIZE',
};

export const imageLs: CommandDef = {
  path: ['image', 'ls'],
  aliases: [['images'], ['image', 'list']],
  usage: '[OPTIONS] [REPOSITORY[:TAG]]',
  description: 'List images',
  args: { max: 1 },
  complete: 'image',
  flags: [
    { name: 'all', short: 'a', type: 'bool', description: 'Show all images (default hides intermediate images)' },
    { name: 'digests', type: 'bool', description: 'Show digests' },
    { name: 'filter', short: 'f', type: 'stringArray', valueName: 'filter', description: 'Filter output based on conditions provided' },
    FORMAT_FLAG,
    { name: 'no-trunc', type: 'bool', description: "Don't truncate output" },
    { name: 'quiet', short: 'q', type: 'bool', description: 'Only show image IDs' },
  ],
  async run(ctx) {
    const engine = await ctx.engine();
    const filters = parseFilters(ctx.flags.filter);
    if (ctx.args[0]) (filters.reference ??= []).push(ctx.args[0]);
    const images = await engine.listImages({ all: ctx.flags.all === true, filters });
    const noTrunc = ctx.flags['no-trunc'] === true;
    if (ctx.flags.quiet) {
      const ids = [...new Set(images.map((i) => (noTrunc ? i.Id : i.Id.replace(/^sha256:/, '').slice(0, 12))))];
      ctx.io.stdout.write(ids.map((i) => `${i}\n`).join(''));
      return 0;
    }
    const digests = ctx.flags.digests === true;
    const table = `table {{.Repository}}\t{{.Tag}}${digests ? '\t{{.Digest}}' : ''}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}`;
    ctx.io.stdout.write(formatList(imageRows(images, noTrunc), { format: asString(ctx.flags.format), defaultTable: table, headers: HEADERS }));
    return 0;
  },
};
