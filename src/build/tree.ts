/**
 * A read-only file tree the builder copies from or resolves paths in: the build context (only
 * what .dockerignore lets through), or an image's merged layers. Paths are clean, relative,
 * slash-separated ('' is the root, which is always a directory). Nothing here follows a symlink
 * on the host: links are resolved inside the tree (moby/sys/symlink's FollowSymlinkInScope).
 */
import { readlinkSync, type Stats } from 'node:fs';
import { invalid } from '../lib/errors.js';

export interface TreeNode {
  rel: string;
  /** Host path to read the object's content or link target from. */
  abs: string;
  /** lstat of `abs`. */
  st: Stats;
  /** Known to carry no security.capability xattr (learnt while hashing): a layer skips the read. */
  noCaps?: boolean;
}

export interface Tree {
  /** lstat semantics: the last component is not followed; undefined when absent. */
  lookup(rel: string): TreeNode | undefined;
  /** Names in a directory, sorted byte-wise. */
  children(rel: string): string[];
  /** children() as nodes, when the tree keeps them (faster than a lookup per name). */
  childNodes?(rel: string): readonly TreeNode[];
  /** false when the tree is known to hold no symlink (resolution is then lexical only). */
  readonly symlinks?: boolean;
}

export const parentOf = (rel: string): string => {
  const i = rel.lastIndexOf('/');
  return i < 0 ? '' : rel.slice(0, i);
};
export const baseOf = (rel: string): string => rel.slice(rel.lastIndexOf('/') + 1);
export const joinRel = (dir: string, name: string): string => (dir ? (name ? `${dir}/${name}` : dir) : name);

/** Go's path.Clean of "/" + p, without the leading slash: never climbs above the root. */
export function cleanRel(p: string): string {
  if (!/(^|\/)\.{1,2}(\/|$)|\/\/|^\/|\/$/.test(p)) return p; // already clean: the common case
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return out.join('/');
}

export function isDirIn(tree: Tree, rel: string): boolean {
  return rel === '' || tree.lookup(rel)?.st.isDirectory() === true;
}

const MAX_LINKS = 255;

/** What path resolution needs to know: the target of `rel` when it is a symlink. */
export interface LinkSource {
  symlinkAt(rel: string): string | undefined;
}

/** A Tree's symlinks, read from the host object each node stands for. */
export function treeLinks(tree: Tree): LinkSource {
  return {
    symlinkAt(rel) {
      const node = tree.lookup(rel);
      return node?.st.isSymbolicLink() ? readlinkSync(node.abs) : undefined;
    },
  };
}

/**
 * FollowSymlinkInScope: every symlink on the way (the last component too) is replaced by its
 * target, absolute targets restart at the tree's root, `..` stops at the root. Missing
 * components are kept as they are, so the result may not exist.
 */
export function resolveLinks(links: LinkSource, rel: string): string {
  let done = '';
  let todo = rel.split('/').filter((s) => s !== '' && s !== '.');
  let count = 0;
  while (todo.length) {
    const part = todo.shift()!;
    if (part === '..') { done = parentOf(done); continue; }
    const next = joinRel(done, part);
    const target = links.symlinkAt(next);
    if (target === undefined) { done = next; continue; }
    if (++count > MAX_LINKS) throw invalid(`too many links in /${rel}`);
    if (target.startsWith('/')) done = '';
    todo = [...target.split('/').filter((s) => s !== '' && s !== '.'), ...todo];
  }
  return done;
}

export function resolveInTree(tree: Tree, rel: string): string {
  if (tree.symlinks === false) return cleanRel(rel);
  return resolveLinks(treeLinks(tree), rel);
}

/** Resolve the directory part of `rel` and keep its last name as it is (where a write lands). */
export function resolveParentIn(links: LinkSource, rel: string): string {
  return joinRel(resolveLinks(links, parentOf(rel)), baseOf(rel));
}

/** Every node under `rel` (not `rel` itself), parents before children, names sorted. */
export function* walkTree(tree: Tree, rel: string): Generator<TreeNode> {
  for (const name of tree.children(rel)) {
    const child = joinRel(rel, name);
    const node = tree.lookup(child);
    if (!node) continue;
    yield node;
    if (node.st.isDirectory()) yield* walkTree(tree, child);
  }
}
