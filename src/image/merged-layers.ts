/**
 * Image layers merged as overlayfs merges them, read from their snapshot directories without
 * mounting anything (so a crash can leak no mount): whiteouts hide, opaque directories stop the
 * layers below, a non-directory hides what is under it. Every lstat is of a path whose ancestors
 * are real directories of that layer, so an image symlink is never followed on the host.
 * Used by the builder (its source tree) and by container diff/commit (the lower view).
 */
import { lstatSync, readdirSync, type Stats } from 'node:fs';
import { lgetxattr } from '../lib/native.js';
import { OPAQUE_XATTR } from './layer/index.js';

export interface MergedNode {
  rel: string;
  /** Host path of the topmost layer's entry. */
  abs: string;
  st: Stats;
}

const parentOf = (rel: string): string => {
  const i = rel.lastIndexOf('/');
  return i < 0 ? '' : rel.slice(0, i);
};
const isWhiteout = (st: Stats) => st.isCharacterDevice() && st.rdev === 0;
const isOpaque = (abs: string) => lgetxattr(abs, OPAQUE_XATTR)?.toString() === 'y';
const byteOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export class MergedLayers {
  /** dir rel → the layers (top first) whose entries merge into it; null when not a directory. */
  private readonly dirs = new Map<string, string[] | null>();
  private readonly nodes = new Map<string, MergedNode | null>();

  /** `layers`: snapshot fs directories, top first (empty for scratch). */
  constructor(readonly layers: string[]) {
    this.dirs.set('', layers);
  }

  lookup(rel: string): MergedNode | undefined {
    if (rel === '') return this.layers.length ? { rel, abs: this.layers[0]!, st: lstatSync(this.layers[0]!) } : undefined;
    const known = this.nodes.get(rel);
    if (known !== undefined) return known ?? undefined;
    let found: MergedNode | null = null;
    for (const layer of this.layersOf(parentOf(rel)) ?? []) {
      const abs = `${layer}/${rel}`;
      const st = lstatSync(abs, { throwIfNoEntry: false });
      if (!st) continue;
      if (!isWhiteout(st)) found = { rel, abs, st };
      break;
    }
    this.nodes.set(rel, found);
    return found ?? undefined;
  }

  children(rel: string): string[] {
    const seen = new Map<string, boolean>();
    for (const layer of this.layersOf(rel) ?? []) {
      const dir = rel ? `${layer}/${rel}` : layer;
      for (const name of readdirSync(dir)) {
        if (seen.has(name)) continue;
        seen.set(name, !isWhiteout(lstatSync(`${dir}/${name}`)));
      }
    }
    return [...seen].filter(([, live]) => live).map(([n]) => n).sort(byteOrder);
  }

  private layersOf(dir: string): string[] | null {
    const known = this.dirs.get(dir);
    if (known !== undefined) return known;
    const parent = this.layersOf(parentOf(dir));
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
    this.dirs.set(dir, out);
    return out;
  }
}
