/**
 * The last pass of applyLayer: opaque markers, then directory modes and mtimes. It runs after
 * every entry, so each directory's children already exist (creating them bumps its mtime);
 * setting a child's attributes does not touch its parent, so the order among directories is
 * free. Paths are re-checked through LayerFs, since a later entry may have replaced them.
 */
import { chmodSync, lutimesSync } from 'node:fs';
import { lsetxattr } from '../../lib/native.js';
import type { LayerFs } from './layer-fs.js';
import type { LayerState } from './layer-state.js';

export const OPAQUE_XATTR = 'trusted.overlay.opaque';

export function finalizeLayer(fs: LayerFs, state: LayerState): void {
  for (const rel of state.opaque) {
    if (fs.isDir(rel, rel || '.')) lsetxattr(fs.abs(rel), OPAQUE_XATTR, Buffer.from('y'));
  }
  for (const [rel, attrs] of state.dirAttrs) {
    if (!fs.isDir(rel, rel || '.')) continue;
    const path = fs.abs(rel);
    chmodSync(path, attrs.mode); // a verified real directory: nothing to follow
    lutimesSync(path, attrs.mtime, attrs.mtime);
  }
}
