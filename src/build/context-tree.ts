/**
 * Trees over host directories: the build context as docker's daemon sees it (only what the
 * .dockerignore walk lets through, minus the excluded Dockerfile/.dockerignore), and plain
 * directories the builder fills itself (downloads, heredoc sources).
 */
import { lstatSync, readdirSync } from 'node:fs';
import { walkContext } from './context/index.js';
import type { Tree, TreeNode } from './tree.js';
import { parentOf } from './tree.js';

export class ContextTree implements Tree {
  private readonly nodes = new Map<string, TreeNode>();
  private readonly dirs = new Map<string, string[]>([['', []]]);

  private constructor(readonly root: string) {}

  /**
   * Walk `root` once. `patterns` exclude as .dockerignore does (a directory context); a tar
   * context was filtered by its sender, so only `remove` (build files to drop) applies.
   */
  static async create(root: string, opts: { patterns: string[]; dockerfile: string; remove?: string[]; signal?: AbortSignal }): Promise<ContextTree> {
    const t = new ContextTree(root);
    const removed = new Set(opts.remove ?? []);
    const gone = (rel: string) => [...removed].some((r) => rel === r || rel.startsWith(`${r}/`));
    for await (const e of walkContext(root, opts.patterns, { dockerfile: opts.dockerfile, signal: opts.signal })) {
      if (e.buildFile || gone(e.rel)) continue;
      const dir = t.dirs.get(parentOf(e.rel));
      if (!dir) continue; // under a directory that was dropped
      dir.push(e.rel.slice(e.rel.lastIndexOf('/') + 1));
      t.nodes.set(e.rel, { rel: e.rel, abs: e.abs, st: e.stat });
      if (e.stat.isDirectory()) t.dirs.set(e.rel, []);
    }
    return t;
  }

  /** An empty context (a Dockerfile from stdin with no context). */
  static empty(): ContextTree {
    return new ContextTree('');
  }

  lookup(rel: string): TreeNode | undefined {
    return this.nodes.get(rel);
  }

  children(rel: string): string[] {
    return this.dirs.get(rel) ?? [];
  }

  /** Number of entries (for diagnostics). */
  get size(): number {
    return this.nodes.size;
  }
}

/** A plain directory read with lstat (the builder's own temp dirs). */
export class DirTree implements Tree {
  constructor(readonly root: string) {}

  lookup(rel: string): TreeNode | undefined {
    if (rel === '') return undefined;
    const abs = `${this.root}/${rel}`;
    const st = lstatSync(abs, { throwIfNoEntry: false });
    return st ? { rel, abs, st } : undefined;
  }

  children(rel: string): string[] {
    try {
      return readdirSync(rel ? `${this.root}/${rel}` : this.root).sort();
    } catch {
      return [];
    }
  }
}
