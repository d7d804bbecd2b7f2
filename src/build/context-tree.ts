/**
 * Trees over host directories: the build context as docker's daemon sees it (only what the
 * .dockerignore walk lets through, minus the excluded Dockerfile/.dockerignore), and plain
 * directories the builder fills itself (downloads, heredoc sources).
 */
import { lstatSync, readdirSync } from 'node:fs';
import { EngineError, errnoCode, toEngineError } from '../lib/errors.js';
import { PatternMatcher, buildFilesToRemove, keepBuildFiles, type MatchInfo } from './context/index.js';
import type { Tree, TreeNode } from './tree.js';

/** Go's byte-wise order of UTF-8 names (os.ReadDir's), fast for ASCII names. */
const byteOrder = (a: string, b: string) => (/^[\x00-\x7f]*$/.test(a + b) ? (a < b ? -1 : a > b ? 1 : 0) : Buffer.compare(Buffer.from(a), Buffer.from(b)));

const NO_MATCH: [boolean, MatchInfo] = [false, []];

/** A directory's names in byte order, testing for non-ASCII once per directory, not per comparison. */
function sortNames(names: string[]): string[] {
  return /^[\x00-\x7f]*$/.test(names.join('')) ? names.sort() : names.sort(byteOrder);
}

/** May anything under excluded directory `rel` be re-included by an exception pattern? */
function exceptionUnder(pm: PatternMatcher, rel: string): boolean {
  if (!pm.exclusions) return false;
  const dirSlash = rel + '/';
  return pm.patterns.some((p) => p.exclusion && (p.cleaned + '/').startsWith(dirSlash));
}

export class ContextTree implements Tree {
  private readonly nodes = new Map<string, TreeNode>();
  private readonly dirs = new Map<string, string[]>([['', []]]);
  /** The same listings as nodes: hashing a big context walks them without building paths again. */
  private readonly kids = new Map<string, TreeNode[]>([['', []]]);
  /** Whether any symlink is in the context (path resolution can be skipped without). */
  symlinks = false;

  private constructor(readonly root: string) {}

  /**
   * Walk `root` once, as walkContext (context/walk.ts) walks it, but synchronously: one lstat
   * per entry without a threadpool hop each, which dominates a cached rebuild of a big context.
   * `patterns` exclude as .dockerignore does (a directory context); a tar context was filtered by
   * its sender, so only `remove` (build files to drop) applies there.
   */
  static create(root: string, opts: { patterns: string[]; dockerfile: string; remove?: string[]; signal?: AbortSignal }): ContextTree {
    const t = new ContextTree(root);
    const pm = new PatternMatcher(keepBuildFiles(opts.patterns, opts.dockerfile));
    const removed = new Set([...buildFilesToRemove(opts.patterns, opts.dockerfile), ...(opts.remove ?? [])]);
    const matchAll = pm.patterns.length > 0;
    const visit = (absDir: string, relDir: string, parentInfo: MatchInfo | undefined, names: string[]) => {
      let entries: string[];
      try {
        entries = sortNames(readdirSync(absDir));
      } catch (err) {
        if (errnoCode(err) === 'ENOENT' && relDir !== '') return; // removed while walking: docker skips it too
        throw toEngineError(err);
      }
      if (opts.signal?.aborted) throw new EngineError('CANCELED', 'context walk canceled');
      for (const name of entries) {
        const rel = relDir ? `${relDir}/${name}` : name;
        const abs = `${absDir}/${name}`;
        const st = lstatSync(abs, { throwIfNoEntry: false });
        if (!st) continue;
        const [skip, info] = matchAll ? pm.matchesUsingParentResults(rel, parentInfo) : NO_MATCH;
        if (skip) {
          // an exception pattern under an excluded directory makes it worth descending into
          if (st.isDirectory() && exceptionUnder(pm, rel)) visit(abs, rel, info, names);
          continue;
        }
        if (st.isSocket() || removed.has(rel)) continue;
        if (st.isSymbolicLink()) t.symlinks = true;
        const node = { rel, abs, st };
        t.nodes.set(rel, node);
        const dir = t.dirs.get(relDir);
        if (dir) dir.push(name); else t.dirs.set(relDir, [name]);
        const kids = t.kids.get(relDir);
        if (kids) kids.push(node); else t.kids.set(relDir, [node]);
        if (st.isDirectory()) {
          t.dirs.set(rel, t.dirs.get(rel) ?? []);
          t.kids.set(rel, t.kids.get(rel) ?? []);
          visit(abs, rel, info, names);
        }
      }
    };
    visit(root, '', undefined, []);
    if (pm.exclusions) t.addImpliedDirs();
    return t;
  }

  /**
   * A file re-included under an excluded directory (`!keep/a.log`) arrives without its parent,
   * which docker's extraction then creates: give such parents a node (the directory's own
   * attributes) and a place in their parent's listing.
   */
  private addImpliedDirs(): void {
    const touched = new Set<string>();
    for (const rel of [...this.nodes.keys()]) {
      for (let dir = rel.slice(0, Math.max(0, rel.lastIndexOf('/'))); dir && !this.nodes.has(dir); dir = dir.slice(0, Math.max(0, dir.lastIndexOf('/')))) {
        const st = lstatSync(`${this.root}/${dir}`, { throwIfNoEntry: false });
        if (!st?.isDirectory()) break;
        this.nodes.set(dir, { rel: dir, abs: `${this.root}/${dir}`, st });
        const parent = dir.slice(0, Math.max(0, dir.lastIndexOf('/')));
        const list = this.dirs.get(parent) ?? [];
        list.push(dir.slice(dir.lastIndexOf('/') + 1));
        this.dirs.set(parent, list);
        touched.add(parent);
      }
    }
    for (const d of touched) {
      const names = this.dirs.get(d)!.sort(byteOrder);
      this.kids.set(d, names.map((n) => this.nodes.get(d ? `${d}/${n}` : n)!));
    }
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

  childNodes(rel: string): readonly TreeNode[] {
    return this.kids.get(rel) ?? [];
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
