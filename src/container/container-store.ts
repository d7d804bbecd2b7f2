/**
 * Container records and the name index, over MetaStore's lock. Lifecycle operations take a
 * per-container lock (so one container's slow start does not block others) and the meta lock only
 * around record writes.
 */
import { join } from 'node:path';
import type { MetaStore } from '../store/metadata/meta-store.js';
import type { RecordDir } from '../store/metadata/record-dir.js';
import type { EventsLog } from '../store/events/events-log.js';
import { readJsonIfExists, writeJsonAtomic } from '../lib/atomic.js';
import { withLock } from '../lib/lock.js';
import { EngineError, notFound } from '../lib/errors.js';
import type { ContainerRecord } from './record.js';
import { ContainerPaths } from './paths.js';

export class ContainerStore {
  readonly records: RecordDir<ContainerRecord>;
  readonly paths: ContainerPaths;
  private readonly namesFile: string;

  constructor(readonly meta: MetaStore, readonly events: EventsLog) {
    this.records = meta.records<ContainerRecord>('containers');
    this.paths = new ContainerPaths(meta.root);
    this.namesFile = join(meta.root, 'meta', 'container-names.json');
  }

  /** name (without slash) → container ID; read and written inside the meta lock. */
  async readNames(): Promise<Record<string, string>> {
    return (await readJsonIfExists<Record<string, string>>(this.namesFile)) ?? {};
  }

  async writeNames(names: Record<string, string>): Promise<void> {
    await writeJsonAtomic(this.namesFile, names, 0o600);
  }

  /** Serialise lifecycle operations on one container across processes. */
  withContainerLock<T>(id: string, fn: () => Promise<T>): Promise<T> {
    return withLock(this.paths.lock(id), fn, { timeoutMs: 120_000 });
  }

  /** Apply `change` to the stored record under the meta lock; returns the new record. */
  async update(id: string, change: (r: ContainerRecord) => void): Promise<ContainerRecord> {
    return this.meta.lock(async () => {
      const rec = await this.records.get(id);
      if (!rec) throw notFound(`No such container: ${id}`);
      change(rec);
      await this.records.put(id, rec);
      return rec;
    });
  }

  /** Docker's order: exact ID, exact name (with or without "/"), then a unique ID prefix. */
  async resolve(ref: string): Promise<ContainerRecord> {
    if (/^[a-f0-9]{64}$/.test(ref)) {
      const rec = await this.records.get(ref);
      if (rec) return rec;
    }
    const names = await this.readNames();
    const byName = names[ref.replace(/^\//, '')];
    if (byName) {
      const rec = await this.records.get(byName);
      if (rec) return rec;
    }
    if (/^[a-f0-9]+$/.test(ref)) {
      const ids = (await this.records.keys()).filter((k) => k.startsWith(ref));
      if (ids.length > 1) throw new EngineError('INVALID_ARGUMENT', `multiple IDs found with provided prefix: ${ref}`);
      if (ids.length === 1) {
        const rec = await this.records.get(ids[0]!);
        if (rec) return rec;
      }
    }
    throw notFound(`No such container: ${ref}`);
  }
}

export function containerEvent(action: string, rec: ContainerRecord, extra: Record<string, string> = {}) {
  const attrs: Record<string, string> = { ...(rec.Config.Labels ?? {}), image: rec.Config.Image ?? rec.Image, name: rec.Name.replace(/^\//, ''), ...extra };
  return { Type: 'container' as const, Action: action, status: action, id: rec.Id, from: rec.Config.Image, Actor: { ID: rec.Id, Attributes: attrs } };
}
