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

/** [ino, size, mtimeMs, ctimeMs, sum] */
type Entry = [number, number, number, number, string];

interface CacheFile {
  version: 2;
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
    if (data?.version === 2 && data.dir === this.dir) this.entries = data.entries;
  }

  /** The remembered sum when `st` matches, else undefined. */
  get(path: string, st: Stats): string | undefined {
    const e = this.entries[path];
    if (!e || e[0] !== st.ino || e[1] !== st.size || e[2] !== st.mtimeMs || e[3] !== st.ctimeMs) return undefined;
    return e[4];
  }

  set(path: string, st: Stats, sum: string): void {
    this.entries[path] = [st.ino, st.size, st.mtimeMs, st.ctimeMs, sum];
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
    const data: CacheFile = { version: 2, dir: this.dir, entries: kept };
    await writeFileQuiet(this.file, data);
    this.dirty = false;
  }
}

async function writeFileQuiet(file: string, data: CacheFile): Promise<void> {
  // compact (a big context makes a big file, read on every build); a cache that cannot be
  // written only costs time on the next build
  await writeFileAtomic(file, JSON.stringify(data), 0o600).catch(() => undefined);
}
