/**
 * Build-cache records, <root>/meta/build-cache/<key>.json: which image a (parent, probe) key
 * produced, plus what the step read, so a later miss can be explained (the instruction as
 * written, its build args, and for COPY/ADD the checksum of every file in <key>.files.json).
 * The image itself is an ordinary image record whose `parent` is the previous step; a record
 * whose image was removed is a miss and is dropped.
 */
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { readJsonIfExists, writeJsonAtomic } from '../lib/atomic.js';
import { errnoCode } from '../lib/errors.js';
import type { MetaStore } from '../store/metadata/meta-store.js';

export interface CacheRecord {
  key: string;
  parent: string;
  image: string;
  created: string;
  /** The instruction keyword (RUN, COPY, …) and its text as written. */
  kind: string;
  source: string;
  /** Build args in the key (RUN's `K=V` list). */
  args?: string[];
  /** COPY/ADD: a files list was stored beside the record. */
  files?: boolean;
  /** `created_by` of the image (for `system df`). */
  description: string;
}

/** name → checksum of every file a COPY/ADD step read. */
export type FileSums = [string, string][];

export class CacheStore {
  readonly dir: string;
  private all?: Promise<CacheRecord[]>;

  constructor(readonly meta: MetaStore) {
    this.dir = join(meta.root, 'meta', 'build-cache');
  }

  private file(key: string): string { return join(this.dir, `${key}.json`); }

  /**
   * The cached image for `key` when its record and the image both still exist; `gone` when the
   * record outlived its image (rmi, prune): a miss the explanation can name.
   */
  async lookup(key: string): Promise<{ hit?: CacheRecord; gone?: CacheRecord }> {
    const rec = await readJsonIfExists<CacheRecord>(this.file(key)).catch(() => undefined);
    if (!rec) return {};
    if (await this.meta.images.get(rec.image.replace(/^sha256:/, ''))) return { hit: rec };
    return { gone: rec };
  }

  async put(rec: CacheRecord, files?: FileSums): Promise<void> {
    if (files) await writeJsonAtomic(join(this.dir, `${rec.key}.files.json`), files, 0o600);
    await writeJsonAtomic(this.file(rec.key), { ...rec, ...(files ? { files: true } : {}) }, 0o600);
    this.all = undefined;
  }

  async files(key: string): Promise<FileSums | undefined> {
    return readJsonIfExists<FileSums>(join(this.dir, `${key}.files.json`)).catch(() => undefined);
  }

  async delete(key: string): Promise<void> {
    await fsp.rm(this.file(key), { force: true });
    await fsp.rm(join(this.dir, `${key}.files.json`), { force: true });
    this.all = undefined;
  }

  /** Every record (read once per build; a miss explanation or a prune needs them). */
  list(): Promise<CacheRecord[]> {
    this.all ??= this.readAll();
    return this.all;
  }

  private async readAll(): Promise<CacheRecord[]> {
    let names: string[];
    try {
      names = await fsp.readdir(this.dir);
    } catch (err) {
      if (errnoCode(err) === 'ENOENT') return [];
      throw err;
    }
    const recs = await Promise.all(names.filter((n) => /^[a-f0-9]{64}\.json$/.test(n))
      .map((n) => readJsonIfExists<CacheRecord>(join(this.dir, n)).catch(() => undefined)));
    return recs.filter((r): r is CacheRecord => r !== undefined);
  }
}
