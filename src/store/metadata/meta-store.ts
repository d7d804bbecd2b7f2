/**
 * Metadata records under <root>/meta, guarded by one cross-process lock (<root>/locks/meta.lock).
 * Critical sections are short: long work (unpacking, copying) happens outside the lock and is
 * published inside it, so the CLI, the TUI and the API server can all run at once.
 */
import { join } from 'node:path';
import { withLock } from '../../lib/lock.js';
import { readJsonIfExists, writeJsonAtomic } from '../../lib/atomic.js';
import { RecordDir } from './record-dir.js';
import type { ImageRecord, LeaseRecord } from './records.js';

export class MetaStore {
  readonly images: RecordDir<ImageRecord>;
  readonly leases: RecordDir<LeaseRecord>;
  private readonly tagsFile: string;
  private readonly lockFile: string;

  constructor(readonly root: string) {
    this.images = new RecordDir(join(root, 'meta', 'images'));
    this.leases = new RecordDir(join(root, 'meta', 'leases'));
    this.tagsFile = join(root, 'meta', 'tags.json');
    this.lockFile = join(root, 'locks', 'meta.lock');
  }

  /** A record directory for another kind (containers, volumes…), sharing the same lock. */
  records<T>(kind: string): RecordDir<T> {
    return new RecordDir<T>(join(this.root, 'meta', kind));
  }

  lock<T>(fn: () => Promise<T>): Promise<T> {
    return withLock(this.lockFile, fn);
  }

  /** canonical reference (docker.io/library/busybox:latest) → image ID */
  async readTags(): Promise<Record<string, string>> {
    return (await readJsonIfExists<Record<string, string>>(this.tagsFile)) ?? {};
  }

  async writeTags(tags: Record<string, string>): Promise<void> {
    const sorted = Object.fromEntries(Object.entries(tags).sort(([a], [b]) => a.localeCompare(b)));
    await writeJsonAtomic(this.tagsFile, sorted, 0o600);
  }
}
