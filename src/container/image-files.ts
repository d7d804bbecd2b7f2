/**
 * Read a small file (/etc/passwd, /etc/group) from an image's snapshot chain without mounting it:
 * the topmost layer that has the path wins; a whiteout hides it. A symlink is not followed (it
 * would resolve on the host), so such a file counts as absent.
 */
import { lstatSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Snapshotter } from '../store/snapshot/snapshotter.js';
import type { Digest } from '../oci/digest.js';

const MAX = 1 << 20;

export function readImageFile(snapshots: Snapshotter, chain: Digest[], rel: string): string | undefined {
  for (let i = chain.length - 1; i >= 0; i--) {
    const dir = snapshots.fsPath(chain[i]!);
    // a parent that is a symlink or whiteout in this layer ends the search
    const parts = rel.split('/').filter(Boolean);
    let p = dir;
    let stop = false;
    for (let k = 0; k < parts.length; k++) {
      p = join(p, parts[k]!);
      let st;
      try { st = lstatSync(p); } catch { st = undefined; }
      if (!st) break;
      if (st.isCharacterDevice() && st.rdev === 0) return undefined; // whiteout
      if (k < parts.length - 1 && !st.isDirectory()) { stop = true; break; }
      if (k === parts.length - 1) {
        if (!st.isFile() || st.size > MAX) return undefined;
        return readFileSync(p, 'utf8');
      }
    }
    if (stop) return undefined;
  }
  return undefined;
}
