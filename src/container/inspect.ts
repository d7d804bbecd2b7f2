/** `container inspect`: the record in docker's shape, with paths filled in. */
import type { ContainerInspect } from '../types/container.js';
import type { ContainerDeps } from './runtime-deps.js';
import { syncState } from './reconcile.js';
import { mountPoints } from './host-resources.js';
import { containerLease, networkSettings } from '../network/index.js';

export async function inspectContainer(deps: ContainerDeps, ref: string): Promise<ContainerInspect> {
  const rec = await syncState(deps, (await deps.store.resolve(ref)).Id);
  const p = deps.store.paths;
  const lease = rec.State.Running ? await containerLease(rec.Id) : undefined;
  const lowers = [...rec.berth.chain].reverse().map((c) => deps.images.snapshots.fsPath(c)).join(':');
  return {
    Id: rec.Id, Created: rec.Created, Path: rec.Path, Args: rec.Args, State: rec.State, Image: rec.Image,
    ResolvConfPath: p.resolvConf(rec.Id), HostnamePath: p.hostname(rec.Id), HostsPath: p.hosts(rec.Id), LogPath: p.log(rec.Id),
    Name: rec.Name, RestartCount: rec.RestartCount, Driver: 'overlay2', Platform: 'linux', MountLabel: '', ProcessLabel: '',
    AppArmorProfile: '', ExecIDs: null,
    HostConfig: {
      NetworkMode: 'bridge', RestartPolicy: { Name: 'no', MaximumRetryCount: 0 }, AutoRemove: false, Privileged: false,
      LogConfig: { Type: 'k8s-file', Config: {} }, ...rec.HostConfig,
    },
    GraphDriver: { Name: 'overlay2', Data: { LowerDir: lowers, MergedDir: p.rootfs(rec.Id), UpperDir: p.upper(rec.Id), WorkDir: p.work(rec.Id) } },
    Mounts: mountPoints(deps.store, rec), Config: rec.Config,
    NetworkSettings: networkSettings(rec.HostConfig.NetworkMode, lease, rec.Config),
  };
}
