/** The three side panes as configuration: columns are pure functions of engine rows. */
import type { ContainerSummary, ImageSummary } from '../../engine/types.js';
import type { Token } from '../theme/theme.js';
import type { PaneConfig } from './columns.js';
import { humanSize, shortAge, shortId } from './format.js';

export const containerName = (c: ContainerSummary): string => (c.Names[0] ?? '').replace(/^\//, '') || shortId(c.Id);

export const stateToken = (state: string): Token => {
  switch (state) {
    case 'running': return 'state.running';
    case 'paused': return 'state.paused';
    case 'created': return 'state.created';
    case 'restarting': return 'state.restarting';
    case 'dead': case 'removing': return 'state.dead';
    default: return 'state.exited';
  }
};

/** docker ps's PORTS, shortened: 8080->80/tcp, 53/udp. */
export function portsText(c: ContainerSummary): string {
  return c.Ports.map((p) => (p.PublicPort ? `${p.PublicPort}->${p.PrivatePort}/${p.Type}` : `${p.PrivatePort}/${p.Type}`)).join(', ');
}

export const containersPane: PaneConfig<ContainerSummary> = {
  id: 'containers', title: 'Containers', jumpKey: '1',
  rowKey: (c) => c.Id,
  searchText: (c) => `${containerName(c)} ${c.Image} ${c.State} ${c.Status} ${c.Id}`,
  columns: [
    { header: 'NAME', width: 'flex', minWidth: 10, priority: 10, text: containerName },
    { header: 'IMAGE', width: 14, priority: 6, text: (c) => c.Image },
    { header: 'STATE', width: 10, priority: 9, text: (c) => c.State, color: (c) => stateToken(c.State) },
    { header: 'STATUS', width: 20, priority: 5, text: (c) => c.Status, dim: () => true },
    { header: 'PORTS', width: 14, priority: 2, text: portsText },
    { header: 'AGE', width: 4, priority: 4, align: 'right', text: (c, now) => shortAge(c.Created, now) },
  ],
};

export const isDangling = (i: ImageSummary): boolean => i.RepoTags.length === 0 || i.RepoTags.every((t) => t === '<none>:<none>');

/** repo:tag of the image's first tag, "+N" when it has more; <none> when dangling. */
export function imageName(i: ImageSummary): string {
  if (isDangling(i)) return '<none> (dangling)';
  return i.RepoTags.length > 1 ? `${i.RepoTags[0]} +${i.RepoTags.length - 1}` : i.RepoTags[0]!;
}

export const imagesPane: PaneConfig<ImageSummary> = {
  id: 'images', title: 'Images', jumpKey: '2',
  rowKey: (i) => i.Id,
  searchText: (i) => `${i.RepoTags.join(' ')} ${i.Id} ${isDangling(i) ? 'dangling' : ''}`,
  columns: [
    { header: 'REPOSITORY:TAG', width: 'flex', minWidth: 16, priority: 10, text: imageName, color: (i) => (isDangling(i) ? 'image.dangling' : undefined) },
    { header: 'ID', width: 12, priority: 7, text: (i) => shortId(i.Id), dim: () => true },
    { header: 'SIZE', width: 7, priority: 8, align: 'right', text: (i) => humanSize(i.Size) },
    { header: 'AGE', width: 4, priority: 5, align: 'right', text: (i, now) => shortAge(i.Created, now) },
  ],
};

/** A volume row in docker's shape (GET /volumes); UsageData comes from `system df` when available. */
export interface VolumeRow {
  Name: string;
  Driver: string;
  Mountpoint?: string;
  CreatedAt?: string;
  Labels?: Record<string, string> | null;
  UsageData?: { Size: number; RefCount: number } | null;
}

/** docker's anonymous volumes are named by 64 hex digits. */
export const isAnonymousVolume = (v: VolumeRow): boolean => /^[0-9a-f]{64}$/.test(v.Name);

export const volumesPane: PaneConfig<VolumeRow> = {
  id: 'volumes', title: 'Volumes', jumpKey: '3',
  rowKey: (v) => v.Name,
  searchText: (v) => `${v.Name} ${v.Driver}`,
  columns: [
    { header: 'NAME', width: 'flex', minWidth: 14, priority: 10, text: (v) => (isAnonymousVolume(v) ? v.Name.slice(0, 12) : v.Name) },
    { header: 'DRIVER', width: 6, priority: 4, text: (v) => v.Driver },
    { header: 'SIZE', width: 7, priority: 6, align: 'right', text: (v) => (v.UsageData && v.UsageData.Size >= 0 ? humanSize(v.UsageData.Size) : '-') },
    { header: 'USED BY', width: 7, priority: 5, align: 'right', text: (v) => (v.UsageData ? `${v.UsageData.RefCount} ctr` : '-') },
  ],
};

/** Running first, then paused/restarting, then the rest; newest first within a group (lazydocker #224). */
export function sortContainers(rows: ContainerSummary[]): ContainerSummary[] {
  const rank = (s: string) => (s === 'running' ? 0 : s === 'paused' || s === 'restarting' ? 1 : 2);
  return [...rows].sort((a, b) => rank(a.State) - rank(b.State) || b.Created - a.Created || a.Id.localeCompare(b.Id));
}

export function sortImages(rows: ImageSummary[]): ImageSummary[] {
  return [...rows].sort((a, b) => Number(isDangling(a)) - Number(isDangling(b)) || b.Created - a.Created || a.Id.localeCompare(b.Id));
}
