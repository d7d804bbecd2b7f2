/**
 * The image side of a container's overlay, read without mounting it: what the merged lower
 * layers hold at a path (whiteouts and opaque directories applied as overlayfs does), for `diff`
 * to tell added from changed, and which upper entries are only mount points that runc created
 * (docker keeps those in a hidden init layer, so neither `diff` nor `commit` shows them).
 * Every lstat in a layer is of a path whose ancestors are real directories of that layer: an
 * image symlink is never followed on the host.
 */
import { lstatSync, readdirSync, type Stats } from 'node:fs';
import { lgetxattr } from '../lib/native.js';
import { OPAQUE_XATTR } from '../image/layer/index.js';
import type { ContainerRecord } from './record.js';

const isWhiteout = (st: Stats) => st.isCharacterDevice() && st.rdev === 0;
const isOpaque = (abs: string) => lgetxattr(abs, OPAQUE_XATTR)?.toString() === 'y';

export class LowerView {
  /** dir rel → the layers (top first) whose entries merge into it; null when not a directory. */
  readonly #dirs = new Map<string, string[] | null>();

  /** `layers`: the lower dirs, top first. */
  constructor(layers: string[]) {
    this.#dirs.set('', layers);
  }

  /** lstat of `rel` in the merged lower view, or undefined when it does not exist there. */
  stat(rel: string): Stats | undefined {
    const i = rel.lastIndexOf('/');
    const layers = this.layersOf(i < 0 ? '' : rel.slice(0, i));
    for (const layer of layers ?? []) {
      const st = lstatSync(`${layer}/${rel}`, { throwIfNoEntry: false });
      if (st) return isWhiteout(st) ? undefined : st;
    }
    return undefined;
  }

  /** Names in directory `rel` of the merged lower view. */
  children(rel: string): string[] {
    const seen = new Map<string, boolean>();
    for (const layer of this.layersOf(rel) ?? []) {
      for (const name of readdirSync(rel ? `${layer}/${rel}` : layer)) {
        if (seen.has(name)) continue;
        seen.set(name, !isWhiteout(lstatSync(rel ? `${layer}/${rel}/${name}` : `${layer}/${name}`)));
      }
    }
    return [...seen].filter(([, live]) => live).map(([n]) => n).sort();
  }

  private layersOf(dir: string): string[] | null {
    const known = this.#dirs.get(dir);
    if (known !== undefined) return known;
    const i = dir.lastIndexOf('/');
    const parent = this.layersOf(i < 0 ? '' : dir.slice(0, i));
    let out: string[] | null = null;
    if (parent) {
      const found: string[] = [];
      for (const layer of parent) {
        const abs = `${layer}/${dir}`;
        const st = lstatSync(abs, { throwIfNoEntry: false });
        if (!st) continue;
        if (!st.isDirectory()) break; // a file or whiteout hides the layers below
        found.push(layer);
        if (isOpaque(abs)) break;
      }
      out = found.length ? found : null;
    }
    this.#dirs.set(dir, out);
    return out;
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
