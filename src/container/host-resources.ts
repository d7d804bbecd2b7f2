/**
 * What a container holds on the host besides its rootfs, in one place for the lifecycle: its
 * mount points (planned and created at create, turned into OCI mounts at start) and its bridge
 * address and published ports (reserved before `runc create`, attached before `runc start`,
 * released when it exits). Volume and network events are appended here.
 */
import type { Mount } from '../runtime/spec/index.js';
import type { ContainerSummary, MountPoint } from '../types/container.js';
import {
  VolumeStore, materializeMounts, ociMounts, planMounts, rollbackVolumes, type MountRequest, type ResolvedMount, type VolumeRefs,
} from '../volumes/index.js';
import {
  GATEWAY, NETWORK_ID, attachNetwork, containerLease, releaseNetwork, reserveNetwork, summaryPorts, validateNetwork, type Lease,
} from '../network/index.js';
import { isEngineError } from '../lib/errors.js';
import type { ContainerStore } from './container-store.js';
import type { ContainerDeps } from './runtime-deps.js';
import type { ContainerRecord } from './record.js';
import type { VolumeRelease } from './remove.js';
import { resolveInRoot } from './archive-resolve.js';

export const volumeStoreOf = (store: ContainerStore) => new VolumeStore(store.meta, store.events);

/** volume name → IDs of the containers whose records mount it (any state, as dockerd's references). */
export function volumeRefs(store: ContainerStore, except?: string): VolumeRefs {
  return async () => {
    const refs = new Map<string, string[]>();
    for (const r of await store.records.list()) {
      if (r.Id === except) continue;
      for (const m of r.berth.mounts ?? []) if (m.Type === 'volume' && m.Name) refs.set(m.Name, [...(refs.get(m.Name) ?? []), r.Id]);
    }
    return refs;
  };
}

/** create, before anything exists: every mount and the network settings are checked. */
export async function planContainer(store: ContainerStore, rec: Pick<ContainerRecord, 'Config' | 'HostConfig'>): Promise<MountRequest[]> {
  validateNetwork(rec.Config, rec.HostConfig);
  return planMounts({
    hostConfig: rec.HostConfig, volumes: Object.keys(rec.Config.Volumes ?? {}),
    mountsOf: async (ref) => (await store.resolve(ref)).berth.mounts ?? [],
  });
}

/** create, inside the meta lock: make the volumes and record the mount points on `rec`; returns an undo. */
export async function createVolumes(store: ContainerStore, rec: ContainerRecord, plan: MountRequest[]): Promise<() => Promise<void>> {
  const volumes = volumeStoreOf(store);
  const { mounts, created } = await materializeMounts(volumes, plan);
  rec.berth.mounts = mounts;
  rec.berth.volumes = mounts.filter((m) => m.Type === 'volume').map((m) => ({ name: m.Name!, anonymous: m.Anonymous === true, destination: m.Destination }));
  return () => rollbackVolumes(volumes, created);
}

/** start, rootfs mounted: the OCI mounts (copy-up happens here) and the network reservation. */
export async function acquireRunResources(deps: ContainerDeps, rec: ContainerRecord, rootfs: string): Promise<{ mounts: Mount[]; lease?: Lease }> {
  const mounts = await ociMounts(volumeStoreOf(deps.store), {
    mounts: rec.berth.mounts ?? [], tmpfs: rec.HostConfig.Tmpfs,
    imagePath: (dest) => resolveInRoot(rootfs, dest, true).abs,
  });
  const lease = await reserveNetwork({ id: rec.Id, root: deps.store.meta.root, name: rec.Name.slice(1), config: rec.Config, hostConfig: rec.HostConfig });
  return { mounts, lease };
}

/** start, container created and parked: interface and ports, then the mount/connect events. */
export async function attachRunResources(deps: ContainerDeps, rec: ContainerRecord, lease: Lease | undefined, pid: number): Promise<void> {
  if (lease) {
    await attachNetwork(lease, pid);
    await deps.store.events.append(networkEvent('connect', rec.Id));
  }
  const volumes = volumeStoreOf(deps.store);
  for (const m of rec.berth.mounts ?? []) {
    if (m.Type !== 'volume' || !m.Name) continue;
    await volumes.event('mount', m.Name, { container: rec.Id, destination: m.Destination, propagation: m.Propagation, 'read/write': String(m.RW) });
  }
}

/** Exit (or a failed start): free address and ports of run `pid` (any run without it). */
export async function releaseRunResources(deps: ContainerDeps, rec: ContainerRecord, pid?: number): Promise<void> {
  if (await releaseNetwork(rec.Id, pid)) await deps.store.events.append(networkEvent('disconnect', rec.Id));
  if (pid === undefined) return; // a start that never ran: no mount events were sent
  const volumes = volumeStoreOf(deps.store);
  for (const m of rec.berth.mounts ?? []) {
    if (m.Type === 'volume' && m.Name) await volumes.event('unmount', m.Name, { container: rec.Id });
  }
}

/**
 * `rm`'s hook: a removed container frees its network for good, and with `-v` (or `--rm`) its
 * anonymous volumes go unless another container still references them (--volumes-from).
 */
export function volumeRelease(deps: ContainerDeps): VolumeRelease {
  return async (rec, removeAnonymous) => {
    await releaseNetwork(rec.Id).catch(() => undefined);
    if (!removeAnonymous) return;
    const volumes = volumeStoreOf(deps.store);
    const refs = volumeRefs(deps.store, rec.Id);
    for (const m of rec.berth.mounts ?? []) {
      if (m.Type !== 'volume' || !m.Name || !m.Anonymous) continue;
      try {
        await volumes.remove(m.Name, async (n) => (await refs()).get(n) ?? [], { force: true });
      } catch (err) {
        if (!isEngineError(err, 'CONFLICT')) throw err; // still used by another container: kept, as dockerd
      }
    }
  };
}

/** docker's MountPoint (inspect Mounts, ps MOUNTS) of a resolved mount. */
export function mountPoint(volumes: VolumeStore, m: ResolvedMount): MountPoint {
  if (m.Type === 'volume') {
    return { Type: 'volume', Name: m.Name, Source: volumes.dataPath(m.Name!), Destination: m.Destination, Driver: m.Driver ?? 'local', Mode: m.Mode, RW: m.RW, Propagation: m.Propagation };
  }
  return { Type: m.Type, Source: m.Source, Destination: m.Destination, Mode: m.Mode, RW: m.RW, Propagation: m.Propagation };
}

export function mountPoints(store: ContainerStore, rec: ContainerRecord): MountPoint[] {
  const volumes = volumeStoreOf(store);
  return (rec.berth.mounts ?? []).map((m) => mountPoint(volumes, m));
}

function networkEvent(action: string, id: string) {
  return { Type: 'network' as const, Action: action, Actor: { ID: NETWORK_ID, Attributes: { container: id, name: 'bridge', type: 'bridge' } } };
}

/** ps: published and exposed ports of a running bridge container, its mounts and network. */
export async function describeHostResources(store: ContainerStore, rec: ContainerRecord, sum: ContainerSummary): Promise<void> {
  sum.Mounts = mountPoints(store, rec);
  const mode = !rec.HostConfig.NetworkMode || rec.HostConfig.NetworkMode === 'default' ? 'bridge' : rec.HostConfig.NetworkMode;
  sum.NetworkSettings = { Networks: { [mode]: {} } };
  if (mode === 'bridge' && rec.State.Running) {
    const lease = await containerLease(rec.Id);
    sum.Ports = summaryPorts(lease, rec.Config.ExposedPorts);
    sum.NetworkSettings = { Networks: { bridge: lease ? { NetworkID: NETWORK_ID, EndpointID: lease.id, Gateway: GATEWAY, IPAddress: lease.ip, IPPrefixLen: 24, MacAddress: lease.mac } : {} } };
  }
}
