/**
 * The last pass of applyLayer: opaque markers, then directory modes and mtimes, deepest first
 * (creating children bumps a directory's mtime, so it can only be set once they all exist).
 * Paths are re-checked through LayerFs: a later entry may have replaced a parent.
 */
import { chmodSync, lutimesSync } from 'node:fs';
import { lsetxattr } from '../../lib/native.js';
import type { LayerFs } from './layer-fs.js';
import type { LayerState } from './layer-state.js';

export const OPAQUE_XATTR = 'trusted.overlay.opaque';

const depth = (rel: string) => (rel === '' ? 0 : rel.split('/').length);

export function finalizeLayer(fs: LayerFs, state: LayerState): void {
  for (const rel of state.opaque) {
    if (fs.isDir(rel, rel || '.')) lsetxattr(fs.abs(rel), OPAQUE_XATTR, Buffer.from('y'));
  }
  const dirs = [...state.dirAttrs].sort(([a], [b]) => depth(b) - depth(a));
  for (const [rel, attrs] of dirs) {
    if (!fs.isDir(rel, rel || '.')) continue;
    const path = fs.abs(rel);
    chmodSync(path, attrs.mode); // a verified real directory: nothing to follow
    lutimesSync(path, attrs.mtime, attrs.mtime);
  }
}
