/**
 * Volumes of the local driver: a record in <root>/meta/volumes/<name>.json and the data in
 * <root>/volumes/<name>/_data (dockerd's layout: the volume dir 0701, _data 0755). Records are
 * written under the meta lock, the same lock container records use, so "is it in use?" and
 * "remove it" are one decision.
 */
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import type { MetaStore } from '../store/metadata/meta-store.js';
import type { RecordDir } from '../store/metadata/record-dir.js';
import type { EventsLog } from '../store/events/events-log.js';
import { conflict, invalid, notFound } from '../lib/errors.js';
import type { Volume, VolumeCreateRequest } from '../types/volume.js';
import type { VolumeRecord } from './types.js';
import { ANONYMOUS_LABEL, anonymousName, validateVolumeName } from './names.js';
import { validateLocalOptions } from './local-options.js';

export class VolumeStore {
  readonly records: RecordDir<VolumeRecord>;
  /** <root>/volumes */
  readonly dir: string;

  constructor(readonly meta: MetaStore, readonly events: EventsLog) {
    this.records = meta.records<VolumeRecord>('volumes');
    this.dir = join(meta.root, 'volumes');
  }

  rootPath(name: string): string { return join(this.dir, name); }
  dataPath(name: string): string { return join(this.dir, name, '_data'); }

  toApi(r: VolumeRecord): Volume {
    return { CreatedAt: r.CreatedAt, Driver: r.Driver, Labels: r.Labels, Mountpoint: this.dataPath(r.Name), Name: r.Name, Options: r.Options, Scope: 'local' };
  }

  /** Create, or return the existing volume of that name (docker's create is idempotent). */
  async create(req: VolumeCreateRequest): Promise<{ volume: VolumeRecord; created: boolean }> {
    const anonymous = !req.Name;
    const name = req.Name || anonymousName();
    const driver = req.Driver || 'local';
    if (driver !== 'local') throw notFound(`create ${name}: error looking up volume plugin ${driver}: plugin ${JSON.stringify(driver)} not found`);
    validateVolumeName(name);
    try { validateLocalOptions(req.DriverOpts); } catch (err) { throw invalid(`create ${name}: ${(err as Error).message}`); }
    return this.meta.lock(async () => {
      const existing = await this.records.get(name);
      if (existing) return { volume: existing, created: false };
      const labels = anonymous ? { ...(req.Labels ?? {}), [ANONYMOUS_LABEL]: '' } : req.Labels ?? null;
      // docker keeps what the request said: {} from `volume create`, null when made by a container's -v
      const opts = req.DriverOpts ? { ...req.DriverOpts } : null;
      const rec: VolumeRecord = { Name: name, Driver: 'local', CreatedAt: goNow(), Labels: labels, Options: opts };
      await fsp.mkdir(this.rootPath(name), { recursive: true, mode: 0o701 });
      await fsp.mkdir(this.dataPath(name), { recursive: true, mode: 0o755 });
      await this.records.put(name, rec);
      await this.event('create', name);
      return { volume: rec, created: true };
    });
  }

  async get(name: string): Promise<VolumeRecord> {
    const rec = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,254}$/.test(name) ? await this.records.get(name) : undefined;
    if (!rec) throw notFound(`get ${name}: no such volume`);
    return rec;
  }

  list(): Promise<VolumeRecord[]> { return this.records.list(); }

  /**
   * Remove a volume no container references. `users` runs inside the meta lock, so a container
   * created meanwhile cannot start using a volume being deleted. With `force`, a missing volume is
   * no error (docker's purge-on-error); a volume in use is refused even then.
   */
  async remove(name: string, users: (name: string) => Promise<string[]>, opts: { force?: boolean } = {}): Promise<boolean> {
    const removed = await this.meta.lock(async () => {
      let rec: VolumeRecord;
      try { rec = await this.get(name); } catch (err) { if (opts.force) return false; throw err; }
      const refs = await users(name);
      if (refs.length) throw conflict(`remove ${name}: volume is in use - [${refs.join(', ')}]`);
      await this.records.delete(rec.Name);
      return true;
    });
    if (!removed) return false;
    // the data goes after the record: a crash in between leaves an orphan dir, never a record without data
    await fsp.rm(this.rootPath(name), { recursive: true, force: true });
    await this.event('destroy', name);
    return true;
  }

  async event(action: string, name: string, attrs: Record<string, string> = {}): Promise<void> {
    await this.events.append({ Type: 'volume', Action: action, Actor: { ID: name, Attributes: { driver: 'local', ...attrs } } });
  }
}

/** RFC 3339 in local time with offset, as dockerd's CreatedAt (time.Format(time.RFC3339)). */
export function goNow(d = new Date()): string {
  const off = -d.getTimezoneOffset();
  const pad = (n: number) => String(Math.abs(n)).padStart(2, '0');
  const local = new Date(d.getTime() + off * 60_000).toISOString().slice(0, 19);
  return `${local}${off === 0 ? 'Z' : `${off > 0 ? '+' : '-'}${pad(Math.trunc(off / 60))}:${pad(off % 60)}`}`;
}
