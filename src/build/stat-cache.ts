/**
 * Checksums of build-context files remembered across builds: context path → (inode, size, mtime, ctime,
 * tarsum). A file whose four stat values are unchanged is not read again, so a cached rebuild of
 * a large context costs one lstat per file. Kept per context directory under
 * <root>/build/stat-cache/. A write that lands in the same clock tick as the hashing could keep
 * all four values (git's "racy" case): entries modified within RACY_MS of saving are not kept.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { Stats } from 'node:fs';
import { readJsonIfExists, writeFileAtomic } from '../lib/atomic.js';

const RACY_MS = 2000;
const MAX_ENTRIES = 500_000;

/** [ino, size, mtimeMs, ctimeMs, sum, caps: 1 when a security.capability xattr was hashed, 0 when none] */
type Entry = [number, number, number, number, string, (0 | 1)?];

interface CacheFile {
  /** 3: entries carry the capability flag (older files are re-learnt once) */
  version: 3;
  dir: string;
  entries: Record<string, Entry>;
}

export class StatCache {
  private entries: Record<string, Entry> = {};
  private dirty = false;
  private loaded = false;

  constructor(private readonly file: string, private readonly dir: string) {}

  /** The cache of one context directory under `stateRoot`. */
  static forContext(stateRoot: string, contextDir: string): StatCache {
    const name = createHash('sha256').update(contextDir).digest('hex').slice(0, 32);
    return new StatCache(join(stateRoot, 'build', 'stat-cache', `${name}.json`), contextDir);
  }

  async load(): Promise<void> {
    if (this.loaded) return;
    this.loaded = true;
    const data = await readJsonIfExists<CacheFile>(this.file).catch(() => undefined);
    if (data?.version === 3 && data.dir === this.dir) this.entries = data.entries;
  }

  /**
   * The remembered sum when `st` matches, else undefined; `caps` (undefined when not recorded)
   * lets a layer skip reading xattrs: setting one changes the ctime, so a match still holds.
   */
  get(path: string, st: Stats): { sum: string; caps?: boolean } | undefined {
    const e = this.entries[path];
    if (!e || e[0] !== st.ino || e[1] !== st.size || e[2] !== st.mtimeMs || e[3] !== st.ctimeMs) return undefined;
    return { sum: e[4], ...(e[5] !== undefined ? { caps: e[5] === 1 } : {}) };
  }

  set(path: string, st: Stats, sum: string, caps?: boolean): void {
    const e: Entry = [st.ino, st.size, st.mtimeMs, st.ctimeMs, sum];
    if (caps !== undefined) e.push(caps ? 1 : 0);
    this.entries[path] = e;
    this.dirty = true;
  }

  async save(): Promise<void> {
    if (!this.dirty) return;
    const limit = Date.now() - RACY_MS;
    const kept: Record<string, Entry> = {};
    let n = 0;
    for (const [k, e] of Object.entries(this.entries)) {
      if (e[2] >= limit || e[3] >= limit) continue;
      if (++n > MAX_ENTRIES) break;
      kept[k] = e;
    }
    const data: CacheFile = { version: 3, dir: this.dir, entries: kept };
    await writeFileQuiet(this.file, data);
    this.dirty = false;
  }
}

async function writeFileQuiet(file: string, data: CacheFile): Promise<void> {
  // compact (a big context makes a big file, read on every build); a cache that cannot be
  // written only costs time on the next build
  await writeFileAtomic(file, JSON.stringify(data), 0o600).catch(() => undefined);
}
