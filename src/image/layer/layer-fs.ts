/**
 * Symlink-safe path handling inside one fresh layer directory (engine-anchors §5.3 items 2–3).
 * Every parent component is lstat'ed before use and must be a real directory; the leaf is
 * never followed, only unlinked. Nothing else writes into the directory while a layer is
 * applied, so a component verified once stays valid until this class removes it; verified
 * directories are cached and the cache is dropped for every subtree removed.
 *
 * Calls are synchronous on purpose: a layer is thousands of tiny metadata operations, and a
 * threadpool round trip costs several times the syscall itself. The event loop still turns
 * between entries and between chunks of file data.
 */
import { lstatSync, mkdirSync, rmSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { errnoCode } from '../../lib/errors.js';
import { refuse } from './entry-path.js';

export type ClearResult = 'absent' | 'kept-dir' | 'removed';

export class LayerFs {
  readonly root: string;
  /** Paths (root-relative) known to be real directories right now. */
  readonly #dirs = new Set<string>(['']);
  /** Called with each path removed from the tree, so bookkeeping can forget it and its subtree. */
  readonly #onRemove: (rel: string) => void;

  constructor(root: string, onRemove: (rel: string) => void = () => undefined) {
    this.root = root;
    this.#onRemove = onRemove;
  }

  abs(rel: string): string {
    return rel === '' ? this.root : join(this.root, rel);
  }

  /** Make every parent of `rel` a real directory (creating missing ones 0755, as dockerd does). */
  ensureParents(rel: string, entry: string): void {
    const parts = rel.split('/');
    for (let i = 1; i < parts.length; i++) this.checkDir(parts.slice(0, i).join('/'), entry, true);
  }

  /** True when every parent of `rel` is a real directory; never creates anything. */
  parentsAreDirs(rel: string, entry: string): boolean {
    const parts = rel.split('/');
    for (let i = 1; i < parts.length; i++) if (!this.checkDir(parts.slice(0, i).join('/'), entry, false)) return false;
    return true;
  }

  /** Whether `rel` is a real directory now (parents checked, nothing followed). */
  isDir(rel: string, entry: string): boolean {
    if (!this.parentsAreDirs(rel, entry)) return false;
    if (this.#dirs.has(rel)) return true;
    return lstatSync(this.abs(rel), { throwIfNoEntry: false })?.isDirectory() ?? false;
  }

  private checkDir(rel: string, entry: string, create: boolean): boolean {
    if (this.#dirs.has(rel)) return true;
    const path = this.abs(rel);
    const st = lstatSync(path, { throwIfNoEntry: false });
    if (!st) {
      if (!create) return false;
      mkdirSync(path, 0o755);
    } else if (st.isSymbolicLink()) {
      throw refuse(entry, `parent ${JSON.stringify(rel)} is a symlink`);
    } else if (!st.isDirectory()) {
      throw refuse(entry, `parent ${JSON.stringify(rel)} is not a directory`);
    }
    this.#dirs.add(rel);
    return true;
  }

  /**
   * Create the leaf at `rel` with `make` (parents already ensured). `make` must fail with
   * EEXIST rather than follow or reuse what is there (O_CREAT|O_EXCL, symlink, link, mknod);
   * then the existing object is removed, never written through, and `make` runs once more.
   */
  create<T>(rel: string, make: (path: string) => T): T {
    const path = this.abs(rel);
    try {
      return make(path);
    } catch (err) {
      if (errnoCode(err) !== 'EEXIST') throw err;
    }
    this.clear(rel, false);
    return make(path);
  }

  /** A directory at `rel`: an existing one is kept (attributes merge), anything else replaced. */
  createDir(rel: string, mode: number): void {
    const path = this.abs(rel);
    try {
      mkdirSync(path, mode);
    } catch (err) {
      if (errnoCode(err) !== 'EEXIST') throw err;
      if (this.clear(rel, true) !== 'kept-dir') mkdirSync(path, mode);
    }
    this.#dirs.add(rel);
  }

  /** Remove whatever is at `rel` unless it is a directory and `keepDir` is set. */
  clear(rel: string, keepDir: boolean): ClearResult {
    if (rel === '') throw new Error('the layer root cannot be cleared');
    const path = this.abs(rel);
    const st = lstatSync(path, { throwIfNoEntry: false });
    if (!st) return 'absent';
    if (st.isDirectory() && keepDir) return 'kept-dir';
    // rm lstats as it goes: symlinks inside the subtree are unlinked, not followed.
    if (st.isDirectory()) rmSync(path, { recursive: true, force: true });
    else unlinkSync(path);
    const prefix = rel + '/';
    for (const d of this.#dirs) if (d === rel || d.startsWith(prefix)) this.#dirs.delete(d);
    this.#onRemove(rel);
    return 'removed';
  }
}
