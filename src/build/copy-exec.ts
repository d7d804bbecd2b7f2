/**
 * Where COPY/ADD put things (moby's performCopyForInfo, copyFile, copyDirectory, fixPermissions),
 * onto a PendingLayer instead of a mounted container:
 * - a directory source copies its contents into the destination (created 0755 root when
 *   missing; a new destination takes the --chown owner);
 * - a file goes to `dest/<name>` when dest ends in "/" or is an existing directory, else to dest;
 *   missing parents are created (owned by the --chown user when given);
 * - copied entries are owned by the --chown owner, root for context files, or keep their own
 *   (COPY --from without --chown); --chmod (BuildKit's) sets the mode of what is copied.
 */
import { notFound } from '../lib/errors.js';
import type { CopyInfo } from './copy-sources.js';
import type { Owner, PendingLayer } from './pending-layer.js';
import { baseOf, isDirIn, joinRel, parentOf, resolveInTree, walkTree, type Tree } from './tree.js';

export interface CopyTarget {
  layer: PendingLayer;
  /** The destination as written (after variable expansion). */
  dest: string;
  /** Resolved destination path in the image ('' is /). */
  destPath: string;
  /** Owner for copied entries; undefined keeps theirs (COPY --from without --chown). */
  owner?: Owner;
  chmod?: number;
}

const ROOT: Owner = { uid: 0, gid: 0 };

export function copyInfo(target: CopyTarget, info: CopyInfo, extracted?: Tree): void {
  const tree = info.hasher.tree;
  if (extracted) return copyDirectory(target, extracted, '', undefined);
  const resolved = resolveInTree(tree, info.path);
  if (isDirIn(tree, resolved)) return copyDirectory(target, tree, resolved, target.owner);
  const node = tree.lookup(resolved);
  if (!node) throw notFound(`source path not found: stat ${info.path}: no such file or directory`);
  const { layer } = target;
  let dest = target.destPath;
  if (target.dest.endsWith('/') || layer.kind(dest) === 'dir') dest = joinRel(dest, baseOf(info.path));
  layer.ensureDirs(parentOf(dest), target.owner ?? ROOT);
  layer.put(dest, node, target.owner, target.chmod);
}

/** The contents of `srcRel` (not the directory itself) into the destination. */
function copyDirectory(target: CopyTarget, tree: Tree, srcRel: string, owner: Owner | undefined): void {
  const { layer, destPath } = target;
  const existed = layer.kind(destPath) === 'dir';
  layer.ensureDirs(destPath, ROOT);
  if (owner && !existed) layer.chown(destPath, owner);
  const cut = srcRel === '' ? 0 : srcRel.length + 1;
  for (const node of walkTree(tree, srcRel)) {
    layer.put(joinRel(destPath, node.rel.slice(cut)), node, owner, target.chmod);
  }
}
