/**
 * Checksums of COPY/ADD sources as the legacy builder computes them (moby's lazySource.Hash and
 * copier.calcCopyInfo): a path is resolved in its tree (symlinks followed), a file hashes as
 * `file:<tarsum>`, a directory as `dir:<sha256 of its descendants' sums, sorted>`. Sums are
 * memoised per build, and context files go through the persistent stat cache. Every file a
 * checksum covered is remembered (name → sum) so a cache miss can name the file that changed.
 */
import type { StatCache } from './stat-cache.js';
import { tarsumOf, hashStringSlice } from './tarsum.js';
import { resolveInTree, type Tree, type TreeNode } from './tree.js';

export class TreeHasher {
  private readonly sums = new Map<string, string>();
  /** While set, every file whose sum goes into a checksum is recorded (for miss explanations). */
  collector?: Map<string, string>;

  constructor(readonly tree: Tree, private readonly opts: { zeroOwner: boolean; statCache?: StatCache }) {}

  /** lazySource.Hash: the tarsum of what `rel` resolves to, or the resolved path when missing. */
  hash(rel: string): string {
    return this.hashResolved(resolveInTree(this.tree, rel));
  }

  private hashResolved(resolved: string, given?: TreeNode): string {
    const known = this.sums.get(resolved);
    if (known !== undefined) {
      this.collector?.set(resolved, known);
      return known;
    }
    const node = given ?? this.tree.lookup(resolved);
    let sum: string;
    if (!node) {
      sum = resolved;
    } else {
      // directories too: their sum (header and xattrs) changes only with their ctime, and
      // reading xattrs costs an FFI call each
      const cache = node.st.isFile() || node.st.isDirectory() ? this.opts.statCache : undefined;
      // keyed by the path in the tree: the stat cache belongs to one context directory
      const cached = cache?.get(resolved, node.st);
      if (cached) {
        sum = cached.sum;
        if (cached.caps === false) node.noCaps = true;
      } else {
        const r = tarsumOf({ name: resolved, abs: node.abs, st: node.st, zeroOwner: this.opts.zeroOwner });
        sum = r.sum;
        if (!r.caps) node.noCaps = true;
        cache?.set(resolved, node.st, sum, r.caps);
      }
    }
    this.sums.set(resolved, sum);
    this.collector?.set(resolved, sum);
    return sum;
  }

  /** `file:` or `dir:` checksum of a source that exists (resolved path given). */
  sourceHash(orig: string, resolved: string, isDir: boolean): string {
    if (!isDir) return `file:${this.hash(orig)}`;
    // moby walks the directory with filepath.Walk, whose first visit is the directory itself
    const subs: string[] = resolved === '' ? [] : [this.hash(resolved)];
    this.hashBelow(resolved, subs);
    return hashStringSlice('dir', subs.sort());
  }

  /**
   * walkTree's order without its nested generators (a cached rebuild of a big context spent
   * more time resuming them than hashing): names from the walk are already resolved, so only
   * symlinks go through resolution again (moby hashes what they point to).
   */
  private hashBelow(rel: string, out: string[]): void {
    const nodes = this.tree.childNodes?.(rel);
    if (nodes) {
      for (const node of nodes) {
        out.push(node.st.isSymbolicLink() ? this.hash(node.rel) : this.hashResolved(node.rel, node));
        if (node.st.isDirectory()) this.hashBelow(node.rel, out);
      }
      return;
    }
    for (const name of this.tree.children(rel)) {
      const child = rel ? `${rel}/${name}` : name;
      const node = this.tree.lookup(child);
      if (!node) continue;
      out.push(node.st.isSymbolicLink() ? this.hash(child) : this.hashResolved(child));
      if (node.st.isDirectory()) this.hashBelow(child, out);
    }
  }
}
