/** rename, resize, attach to a running container, prune. */
import { filterTimeMs } from '../lib/filter-time.js';
import { conflict } from '../lib/errors.js';
import { resize } from '../runtime/monitor/index.js';
import type { AttachHandle, AttachStreams, ContainerPruneResult } from '../types/container.js';
import type { ContainerDeps } from './runtime-deps.js';
import { containerEvent } from './container-store.js';
import { validateName } from './names.js';
import { syncState, syncRecord } from './reconcile.js';
import { attachSocket } from './start.js';
import { removeContainer, type VolumeRelease } from './remove.js';
import { matchLabel } from '../image/list.js';
import { join } from 'node:path';
import { promises as fsp } from 'node:fs';

export async function renameContainer(deps: ContainerDeps, ref: string, newName: string): Promise<void> {
  const name = validateName(newName);
  const rec = await deps.store.resolve(ref);
  const updated = await deps.store.meta.lock(async () => {
    const names = await deps.store.readNames();
    const old = rec.Name.slice(1);
    if (old === name) throw conflict(`Renaming a container with the same name as its current name`);
    if (names[name]) throw conflict(`Conflict. The container name "/${name}" is already in use by container "${names[name]}". You have to remove (or rename) that container to be able to reuse that name.`);
    delete names[old];
    names[name] = rec.Id;
    const r = (await deps.store.records.get(rec.Id))!;
    r.Name = `/${name}`;
    await deps.store.records.put(rec.Id, r);
    await deps.store.writeNames(names);
    return { r, old };
  });
  await deps.store.events.append(containerEvent('rename', updated.r, { oldName: `/${updated.old}` }));
}

export async function resizeContainer(deps: ContainerDeps, ref: string, rows: number, cols: number): Promise<void> {
  const rec = await syncState(deps, (await deps.store.resolve(ref)).Id);
  if (!rec.State.Running) throw conflict(`Container ${rec.Id} is not running`);
  await resize(deps.store.paths.bundle(rec.Id), rows, cols);
}

export async function attachContainer(deps: ContainerDeps, ref: string, streams: AttachStreams): Promise<AttachHandle> {
  const rec = await syncState(deps, (await deps.store.resolve(ref)).Id);
  if (!rec.State.Running) throw conflict('You cannot attach to a stopped container, start it first');
  if (rec.State.Restarting) throw conflict('You cannot attach to a restarting container, wait until it is running');
  if (rec.State.Paused) throw conflict('You cannot attach to a paused container, unpause it first');
  return attachSocket(join(deps.store.paths.bundle(rec.Id), 'attach'), streams, rec.Config.Tty === true);
}

export async function pruneContainers(deps: ContainerDeps, filters: Record<string, string[]> = {}, release?: VolumeRelease): Promise<ContainerPruneResult> {
  const result: ContainerPruneResult = { ContainersDeleted: [], SpaceReclaimed: 0 };
  const until = filters.until?.[0] ? filterTimeMs(filters.until[0]) : undefined;
  for (const r0 of await deps.store.records.list()) {
    const r = await syncRecord(deps, r0);
    if (r.State.Running) continue;
    if (until !== undefined && !(Date.parse(r.Created) < until)) continue;
    if (filters.label && !filters.label.every((l) => matchLabel(r.Config.Labels ?? {}, l))) continue;
    result.SpaceReclaimed += await du(deps.store.paths.upper(r.Id));
    await removeContainer(deps, r.Id, {}, release);
    result.ContainersDeleted.push(r.Id);
  }
  return result;
}

/** Bytes under a directory (the container's writable layer). */
export async function du(dir: string): Promise<number> {
  let total = 0;
  let entries;
  try { entries = await fsp.readdir(dir, { withFileTypes: true }); } catch { return 0; }
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) total += await du(p);
    else total += (await fsp.lstat(p).catch(() => ({ size: 0 }))).size;
  }
  return total;
}
