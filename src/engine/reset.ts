/**
 * `berth system reset`: every container (stopped, so conmon, mounts and network go with it), every
 * volume, then the state root itself, and the project bridge and nft table when no container of
 * another state root still uses them. Anything still mounted under the root is detached first and
 * the removal is refused if a mount survives: a recursive delete must never walk into a bind mount.
 */
import { promises as fsp, readFileSync } from 'node:fs';
import { MNT_DETACH, umount } from '../lib/native.js';
import { internal } from '../lib/errors.js';
import type { SystemResetResult } from './types.js';
import type { ContainerDeps } from '../container/runtime-deps.js';
import { removeContainer } from '../container/remove.js';
import { volumeStoreOf } from '../container/host-resources.js';
import { resetNetwork } from '../network/index.js';

function mountsUnder(root: string): string[] {
  const lines = readFileSync('/proc/self/mountinfo', 'utf8').split('\n');
  // mountinfo escapes spaces and such as octal; paths under a berth root have none
  const points = lines.map((l) => l.split(' ')[4] ?? '').filter((p) => p.startsWith(`${root}/`));
  return points.sort((a, b) => b.length - a.length);
}

export async function resetSystem(root: string, ctr: ContainerDeps): Promise<SystemResetResult> {
  const result: SystemResetResult = { ContainersRemoved: [], VolumesRemoved: [], Root: root, BridgeRemoved: false, BridgeKeptFor: [] };
  for (const id of await ctr.store.records.keys()) {
    await removeContainer(ctr, id, { force: true, volumes: true });
    result.ContainersRemoved.push(id);
  }
  const volumes = volumeStoreOf(ctr.store);
  for (const v of await volumes.list()) {
    if (await volumes.remove(v.Name, async () => [], { force: true })) result.VolumesRemoved.push(v.Name);
  }
  const net = await resetNetwork(root);
  result.BridgeRemoved = net.bridgeRemoved;
  result.BridgeKeptFor = net.keptFor;
  for (const m of mountsUnder(root)) {
    try { umount(m, MNT_DETACH); } catch { /* checked below */ }
  }
  const left = mountsUnder(root);
  if (left.length) throw internal(`refusing to delete ${root}: still mounted: ${left.join(', ')}`);
  // the root may be a mount point of its own (a dedicated disk): empty it, then try to remove it
  for (const name of await fsp.readdir(root).catch(() => [] as string[])) await fsp.rm(`${root}/${name}`, { recursive: true, force: true });
  await fsp.rmdir(root).catch(() => undefined);
  return result;
}
