/**
 * The image side of a container's overlay, read without mounting it: what the merged lower
 * layers hold at a path (whiteouts and opaque directories applied as overlayfs does), for `diff`
 * to tell added from changed, and which upper entries are only mount points that runc created
 * (docker keeps those in a hidden init layer, so neither `diff` nor `commit` shows them).
 * Every lstat in a layer is of a path whose ancestors are real directories of that layer: an
 * image symlink is never followed on the host.
 */
import { lstatSync, readdirSync, type Stats } from 'node:fs';
import { MergedLayers } from '../image/merged-layers.js';
import type { ContainerRecord } from './record.js';

/** The lower layers of a container's overlay, merged (src/image/merged-layers.ts). */
export class LowerView {
  readonly #merged: MergedLayers;

  /** `layers`: the lower dirs, top first. */
  constructor(layers: string[]) {
    this.#merged = new MergedLayers(layers);
  }

  /** lstat of `rel` in the merged lower view, or undefined when it does not exist there. */
  stat(rel: string): Stats | undefined {
    return this.#merged.lookup(rel)?.st;
  }

  /** Names in directory `rel` of the merged lower view. */
  children(rel: string): string[] {
    return this.#merged.children(rel);
  }
}

/** Mount points runc creates for berth's own mounts (docker's init layer paths). */
const INIT_PATHS = ['etc/hosts', 'etc/hostname', 'etc/resolv.conf', 'dev', 'dev/pts', 'dev/shm', 'dev/mqueue', 'dev/console', 'proc', 'sys', '.dockerenv', 'etc/mtab'];

function mountTargets(rec: ContainerRecord): string[] {
  const h = rec.HostConfig;
  return [
    ...(h.Binds ?? []).map((b) => b.split(':')[1] ?? ''),
    ...(h.Mounts ?? []).map((m) => m.Target),
    ...Object.keys(h.Tmpfs ?? {}),
    ...Object.keys(rec.Config.Volumes ?? {}),
  ].map((t) => t.replace(/^\/+|\/+$/g, '')).filter(Boolean);
}

/**
 * Upper entries that exist only as mount points: a known mount target, absent from the image,
 * and an empty file or an empty directory in the upper dir.
 */
export function mountpointArtifacts(rec: ContainerRecord, upper: string, lower: LowerView): Set<string> {
  const out = new Set<string>();
  for (const rel of new Set([...INIT_PATHS, ...mountTargets(rec)])) {
    const st = lstatBeneath(upper, rel);
    if (!st || lower.stat(rel)) continue;
    if ((st.isFile() && st.size === 0) || (st.isDirectory() && readdirSync(`${upper}/${rel}`).length === 0)) out.add(rel);
  }
  return out;
}

/** lstat of `root/rel` only when every ancestor is a real directory (a container's symlink is not followed). */
export function lstatBeneath(root: string, rel: string): Stats | undefined {
  const parts = rel.split('/');
  for (let i = 1; i <= parts.length; i++) {
    const st = lstatSync(`${root}/${parts.slice(0, i).join('/')}`, { throwIfNoEntry: false });
    if (!st || i === parts.length) return st;
    if (!st.isDirectory()) return undefined;
  }
  return undefined;
}
