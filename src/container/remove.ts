/** `rm`: refuse a running container without force; remove state, mounts and the name. */
import { promises as fsp } from 'node:fs';
import { conflict } from '../lib/errors.js';
import type { ContainerDeps } from './runtime-deps.js';
import { containerEvent } from './container-store.js';
import { syncState } from './reconcile.js';
import { unmountRootfs } from './rootfs.js';
import { cancelRestart, killContainer } from './stop.js';
import type { ContainerRecord } from './record.js';
import { volumeRelease } from './host-resources.js';

/** Hook for the volumes issue: remove anonymous volumes with `rm -v`. */
export type VolumeRelease = (rec: ContainerRecord, removeAnonymous: boolean) => Promise<void>;

export async function removeContainer(deps: ContainerDeps, ref: string, opts: { force?: boolean; volumes?: boolean } = {}, releaseVolumes?: VolumeRelease): Promise<ContainerRecord> {
  const found = await deps.store.resolve(ref);
  let rec = await syncState(deps, found.Id);
  if (rec.State.Running) {
    if (!opts.force) {
      // dockerd's two texts (daemon/delete.go)
      if (rec.State.Paused) throw conflict(`cannot remove container "${rec.Name}": container is paused and must be unpaused first`);
      throw conflict(`cannot remove container "${rec.Name}": container is ${rec.State.Restarting ? 'restarting' : 'running'}: stop the container before removing or force remove`);
    }
    rec = (rec.State.Restarting && await cancelRestart(deps, rec.Id)) || await killContainer(deps, rec.Id, 'KILL');
  }
  return deps.store.withContainerLock(rec.Id, async () => {
    await deps.runc.delete(rec.Id, { force: true }).catch(() => undefined);
    unmountRootfs(deps.store.paths, rec.Id);
    const removed = await deps.store.meta.lock(async () => {
      const current = await deps.store.records.get(rec.Id);
      if (!current) return undefined; // someone else removed it meanwhile
      const names = await deps.store.readNames();
      delete names[current.Name.slice(1)];
      await deps.store.writeNames(names);
      await deps.store.records.delete(rec.Id);
      return current;
    });
    if (!removed) return rec;
    await fsp.rm(deps.store.paths.dir(rec.Id), { recursive: true, force: true });
    // the network goes with every removal; anonymous volumes with -v (host-resources.ts)
    await (releaseVolumes ?? volumeRelease(deps))(removed, opts.volumes === true);
    await deps.store.events.append(containerEvent('destroy', removed));
    return removed;
  });
}
