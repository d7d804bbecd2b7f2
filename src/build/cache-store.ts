/**
 * Build-cache records, <root>/meta/build-cache/<key>.json: the images a (parent, probe) key
 * produced (newest first: a --no-cache build adds an equivalent image without forgetting the
 * older one a tag may still hold), plus what the step read, so a later miss can be explained
 * (the instruction as written, its build args, and for COPY/ADD the checksum of every file, in
 * <key>.files.json). The images are ordinary image records whose `parent` is the previous step.
 */
import { promises as fsp, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readJsonIfExists, writeJsonAtomic } from '../lib/atomic.js';
import { errnoCode } from '../lib/errors.js';
import type { MetaStore } from '../store/metadata/meta-store.js';

const MAX_IMAGES = 8;

export interface CacheRecord {
  key: string;
  parent: string;
  /** Images with this key, newest first. */
  images: string[];
  created: string;
  /** The instruction keyword (RUN, COPY, …) and its text as written. */
  kind: string;
  source: string;
  /** Build args in the key (RUN's `K=V` list). */
  args?: string[];
  /** COPY/ADD: a files list was stored beside the record. */
  files?: boolean;
  /** `created_by` of the images (for `system df`). */
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
   * Synchronous: a record is a few hundred bytes, and a cached rebuild probes one per step; a
   * threadpool round trip each cost more than the read.
   */
  private read(key: string): Promise<CacheRecord | undefined> {
    try {
      return Promise.resolve(JSON.parse(readFileSync(this.file(key), 'utf8')) as CacheRecord);
    } catch {
      return Promise.resolve(undefined);
    }
  }

  /**
   * The newest image of `key` that still exists; `gone` when the record outlived all its
   * images (rmi, prune): a miss the explanation can name.
   */
  async lookup(key: string): Promise<{ hit?: string; gone?: boolean }> {
    const rec = await this.read(key);
    if (!rec) return {};
    for (const id of rec.images) if (await this.meta.images.get(id.replace(/^sha256:/, ''))) return { hit: id };
    return { gone: true };
  }

  /** Record that `image` was built for `rec.key` (kept with the images already recorded). */
  async add(rec: Omit<CacheRecord, 'images'>, image: string, files?: FileSums): Promise<void> {
    const prev = await this.read(rec.key);
    const images = [image, ...(prev?.images ?? []).filter((i) => i !== image)].slice(0, MAX_IMAGES);
    if (files) await writeJsonAtomic(join(this.dir, `${rec.key}.files.json`), files, 0o600);
    await this.write({ ...rec, images, ...(files ? { files: true } : {}) });
  }

  async write(rec: CacheRecord): Promise<void> {
    await writeJsonAtomic(this.file(rec.key), rec, 0o600);
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
    const recs = await Promise.all(names.filter((n) => /^[a-f0-9]{64}\.json$/.test(n)).map((n) => this.read(n.slice(0, -5))));
    return recs.filter((r): r is CacheRecord => r !== undefined && Array.isArray(r.images));
  }
}
