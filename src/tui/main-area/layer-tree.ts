/**
 * The Layers tab's file tree, pure: a layer's changes (or the whole image up to that layer, with
 * this layer's changes marked) as a tree, flattened into rows with collapsed directories and a
 * path filter applied. Directory sizes are the sum of what is shown below them.
 */
import type { LayerAnalysis, LayerChangeKind, LayerFileChange, LayerFileType } from '../../types/layer-analysis.js';

export interface TreeNode {
  name: string;
  path: string;
  type: LayerFileType;
  kind?: LayerChangeKind;
  size: number;
  children: TreeNode[];
}

/** A change, or (kind absent) a path unchanged by the selected layer. */
export type TreeEntry = Omit<LayerFileChange, 'kind'> & { kind?: LayerChangeKind };

export interface TreeRow {
  node: TreeNode;
  depth: number;
  collapsed: boolean;
}

/** Changes of `layers[at]` alone, or (onlyChanges false) the merged image up to it with those changes marked. */
export function entriesFor(layers: LayerAnalysis[], at: number, onlyChanges: boolean): TreeEntry[] {
  const sel = layers[at];
  if (!sel) return [];
  if (onlyChanges) return sel.files;
  const merged = new Map<string, TreeEntry>();
  for (const l of layers.slice(0, at)) {
    for (const f of l.files) {
      if (f.kind === 'removed') {
        merged.delete(f.path);
        // Only a directory's removal needs the (costly) scan for what lies below it.
        if (f.type === 'dir') for (const k of [...merged.keys()]) if (k.startsWith(`${f.path}/`)) merged.delete(k);
      } else merged.set(f.path, { path: f.path, type: f.type, size: f.size });
    }
  }
  for (const f of sel.files) merged.set(f.path, f);
  return [...merged.values()];
}

export function buildTree(files: TreeEntry[]): TreeNode {
  const root: TreeNode = { name: '', path: '', type: 'dir', size: 0, children: [] };
  const dirs = new Map<string, TreeNode>([['', root]]);
  const dirOf = (path: string): TreeNode => {
    let d = dirs.get(path);
    if (d) return d;
    const cut = path.lastIndexOf('/');
    const parent = dirOf(cut < 0 ? '' : path.slice(0, cut));
    d = { name: path.slice(cut + 1), path, type: 'dir', size: 0, children: [] };
    parent.children.push(d);
    dirs.set(path, d);
    return d;
  };
  for (const f of [...files].sort((a, b) => (a.path < b.path ? -1 : 1))) {
    const kind = f.kind;
    if (f.type === 'dir' && f.kind !== 'removed') { dirOf(f.path).kind = kind; continue; }
    const cut = f.path.lastIndexOf('/');
    dirOf(cut < 0 ? '' : f.path.slice(0, cut)).children.push({
      name: f.path.slice(cut + 1), path: f.path, type: f.type, kind, size: f.size, children: [],
    });
  }
  const total = (n: TreeNode): number => {
    if (n.type !== 'dir' || n.kind === 'removed') return n.size;
    n.children.sort((a, b) => (a.name < b.name ? -1 : 1));
    return (n.size = n.children.reduce((s, c) => s + total(c), 0));
  };
  total(root);
  return root;
}

/** Rows in display order; a filter keeps matching paths and the directories leading to them. */
export function flatten(root: TreeNode, collapsed: ReadonlySet<string>, filter?: RegExp): TreeRow[] {
  const rows: TreeRow[] = [];
  const matches = (n: TreeNode): boolean => {
    if (!filter) return true;
    filter.lastIndex = 0;
    return filter.test(n.path) || n.children.some(matches);
  };
  const walk = (n: TreeNode, depth: number) => {
    for (const c of n.children) {
      if (!matches(c)) continue;
      const isCollapsed = collapsed.has(c.path) && c.children.length > 0;
      rows.push({ node: c, depth, collapsed: isCollapsed });
      if (!isCollapsed) walk(c, depth + 1);
    }
  };
  walk(root, 0);
  return rows;
}
