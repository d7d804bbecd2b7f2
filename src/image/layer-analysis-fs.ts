/**
 * A snapshot directory as a LayerSource: overlay whiteouts (char device 0/0) become removals and
 * the trusted.overlay.opaque xattr marks opaque directories. Sizes are content bytes; a hard
 * link counts once per layer (as a tar would carry it). Synchronous calls, like tree-read.ts:
 * per-entry threadpool hops would dominate, and the replay yields between batches.
 */
import { lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { lgetxattr } from '../lib/native.js';
import { OPAQUE_XATTR } from './layer/finalize.js';
import type { LayerSource, SourceEntry } from './layer-analysis-core.js';

export function snapshotSource(dir: string): LayerSource {
  const links = new Set<string>();
  return {
    list(rel: string): SourceEntry[] {
      const abs = rel ? join(dir, rel) : dir;
      return readdirSync(abs).sort().map((name): SourceEntry => {
        const child = join(abs, name);
        const st = lstatSync(child);
        if (st.isCharacterDevice() && st.rdev === 0) return { name, type: 'whiteout', size: 0 };
        if (st.isDirectory()) return { name, type: 'dir', size: 0, opaque: lgetxattr(child, OPAQUE_XATTR)?.toString() === 'y' };
        if (st.isSymbolicLink()) return { name, type: 'symlink', size: 0 };
        if (!st.isFile()) return { name, type: 'other', size: 0 };
        if (st.nlink > 1) {
          const key = `${st.dev}:${st.ino}`;
          if (links.has(key)) return { name, type: 'file', size: 0 };
          links.add(key);
        }
        return { name, type: 'file', size: st.size };
      });
    },
  };
}
