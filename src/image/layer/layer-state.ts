/**
 * Bookkeeping for one applyLayer call: the du-style size, directory attributes deferred to
 * the end, and opaque markers. Paths are root-relative; `remove` drops a path and its subtree,
 * since a duplicate entry (last wins) may replace a directory with a file.
 */

/** One inode's contribution to `size`; hardlinks share it, so it counts once. */
interface Inode {
  size: number;
  links: number;
}

export interface DirAttrs {
  mode: number;
  mtime: number;
}

export class LayerState {
  entries = 0;
  #size = 0;
  readonly #inodes = new Map<string, Inode>();
  /** Directory mode and mtime, applied after all entries (children would bump the mtime). */
  readonly dirAttrs = new Map<string, DirAttrs>();
  /** Directories marked opaque, applied at the end whatever the tar order. */
  readonly opaque = new Set<string>();

  get size(): number {
    return this.#size;
  }

  addInode(rel: string, size: number): void {
    this.#inodes.set(rel, { size, links: 1 });
    this.#size += size;
  }

  addLink(rel: string, target: string): void {
    const inode = this.#inodes.get(target);
    if (!inode) return;
    inode.links++;
    this.#inodes.set(rel, inode);
  }

  remove(rel: string): void {
    const prefix = rel + '/';
    for (const [p, inode] of this.#inodes) {
      if (p !== rel && !p.startsWith(prefix)) continue;
      this.#inodes.delete(p);
      if (--inode.links === 0) this.#size -= inode.size;
    }
    for (const p of this.dirAttrs.keys()) if (p === rel || p.startsWith(prefix)) this.dirAttrs.delete(p);
    for (const p of this.opaque) if (p === rel || p.startsWith(prefix)) this.opaque.delete(p);
  }
}
