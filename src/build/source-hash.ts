/**
 * Checksums of COPY/ADD sources as the legacy builder computes them (moby's lazySource.Hash and
 * copier.calcCopyInfo): a path is resolved in its tree (symlinks followed), a file hashes as
 * `file:<tarsum>`, a directory as `dir:<sha256 of its descendants' sums, sorted>`. Sums are
 * memoised per build, and context files go through the persistent stat cache. Every file a
 * checksum covered is remembered (name → sum) so a cache miss can name the file that changed.
 */
import type { StatCache } from './stat-cache.js';
import { tarsum, hashStringSlice } from './tarsum.js';
import { resolveInTree, walkTree, type Tree } from './tree.js';

export class TreeHasher {
  private readonly sums = new Map<string, string>();
  /** While set, every file whose sum goes into a checksum is recorded (for miss explanations). */
  collector?: Map<string, string>;

  constructor(readonly tree: Tree, private readonly opts: { zeroOwner: boolean; statCache?: StatCache }) {}

  /** lazySource.Hash: the tarsum of what `rel` resolves to, or the resolved path when missing. */
  hash(rel: string): string {
    const resolved = resolveInTree(this.tree, rel);
    const known = this.sums.get(resolved);
    if (known !== undefined) {
      this.collector?.set(resolved, known);
      return known;
    }
    const node = this.tree.lookup(resolved);
    let sum: string;
    if (!node) {
      sum = resolved;
    } else {
      const cache = node.st.isFile() ? this.opts.statCache : undefined;
      // keyed by the path in the tree: the stat cache belongs to one context directory
      const cached = cache?.get(resolved, node.st);
      sum = cached ?? tarsum({ name: resolved, abs: node.abs, st: node.st, zeroOwner: this.opts.zeroOwner });
      if (cache && cached === undefined) cache.set(resolved, node.st, sum);
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
    for (const node of walkTree(this.tree, resolved)) subs.push(this.hash(node.rel));
    return hashStringSlice('dir', subs.sort());
  }
}
