/**
 * A directory of JSON records, one file per key, each written atomically. Callers that read,
 * decide and write take the store lock (MetaStore.lock) around the whole transaction.
 */
import { promises as fsp, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readJsonIfExists, writeJsonAtomic } from '../../lib/atomic.js';
import { errnoCode, invalid } from '../../lib/errors.js';

const KEY_RE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,254}$/;

export class RecordDir<T> {
  constructor(readonly dir: string) {}

  private file(key: string): string {
    // keys become file names: refuse anything that could name another path
    if (!KEY_RE.test(key)) throw invalid(`invalid record key "${key}"`);
    return join(this.dir, `${key}.json`);
  }

  get(key: string): Promise<T | undefined> {
    return readJsonIfExists<T>(this.file(key));
  }

  async put(key: string, value: T): Promise<void> {
    await writeJsonAtomic(this.file(key), value, 0o600);
  }

  async delete(key: string): Promise<void> {
    await fsp.rm(this.file(key), { force: true });
  }

  async keys(): Promise<string[]> {
    try {
      return (await fsp.readdir(this.dir)).filter((n) => n.endsWith('.json') && !n.startsWith('.')).map((n) => n.slice(0, -5));
    } catch (err) {
      if (errnoCode(err) === 'ENOENT') return [];
      throw err;
    }
  }

  /**
   * Every record. Read synchronously: for hundreds of small files the thread-pool round trips of
   * fs.promises cost several times more (200 container records: ~25 ms async, ~6 ms sync), and
   * `ps -a` / `images` pay it on every call.
   */
  async list(): Promise<T[]> {
    const keys = await this.keys();
    const values: T[] = [];
    for (const k of keys) {
      const file = this.file(k);
      try {
        values.push(JSON.parse(readFileSync(file, 'utf8')) as T);
      } catch {
        // removed (or half-replaced) since readdir: skipped, as a failed get always was
      }
    }
    return values;
  }
}
