/**
 * `start`: mount the rootfs, write the bundle, let conmon run `runc create`, attach when asked
 * (before the process runs, so no output is lost), then `runc start`. conmon outlives us; its
 * exit command (`berth container cleanup ID`) records the exit when the container dies.
 */
import type { AttachHandle, AttachStreams } from '../types/container.js';
import { startMonitor, attach, parseDetachKeys, DEFAULT_DETACH_KEYS } from '../runtime/monitor/index.js';
import { writeJsonAtomic } from '../lib/atomic.js';
import { conflict } from '../lib/errors.js';
import { join } from 'node:path';
import type { ContainerDeps } from './runtime-deps.js';
import { containerEvent } from './container-store.js';
import { setStatus, type ContainerRecord } from './record.js';
import { mountRootfs, unmountRootfs } from './rootfs.js';
import { writeEtcFiles } from './etc-files.js';
import { buildSpec } from './spec.js';
import { readImageFile } from './image-files.js';
import { syncState } from './reconcile.js';
import { hasHealthcheck, initialHealth } from './health-config.js';
import { acquireRunResources, attachRunResources, releaseRunResources } from './host-resources.js';

export interface StartOptions {
  attach?: AttachStreams;
  /** A restart policy's start keeps RestartCount and the backoff; any other start resets them (dockerd). */
  policyRestart?: boolean;
}

export async function startContainer(deps: ContainerDeps, ref: string, opts: StartOptions = {}): Promise<{ record: ContainerRecord; attach?: AttachHandle; alreadyRunning: boolean }> {
  const { store } = deps;
  const found = await store.resolve(ref);
  return store.withContainerLock(found.Id, async () => {
    const rec = await syncState(deps, found.Id);
    if (rec.State.Status === 'paused') throw conflict(`cannot start a paused container, try unpause instead`);
    if (rec.State.Running) return { record: rec, alreadyRunning: true };
    return { ...(await startLocked(deps, rec, opts)), alreadyRunning: false };
  });
}

/** Start with the container lock held (restart policies call this from cleanup). */
export async function startLocked(deps: ContainerDeps, rec: ContainerRecord, opts: StartOptions = {}): Promise<{ record: ContainerRecord; attach?: AttachHandle }> {
  const { store, images, runc } = deps;
  const id = rec.Id;
  const p = store.paths;
  await runc.delete(id, { force: true }).catch(() => undefined); // a previous run's leftover state
  const rootfs = await mountRootfs(p, images.snapshots, id, rec.berth.chain);
  try {
    // volumes, binds and the bridge address and ports: a taken port fails here, before runc runs
    const res = await acquireRunResources(deps, rec, rootfs);
    const hostname = rec.Config.Hostname || id.slice(0, 12);
    await writeEtcFiles(p, id, hostname, { networkMode: rec.HostConfig.NetworkMode, ip: res.lease?.ip });
    const spec = await buildSpec({
      id, rootfs, config: rec.Config, hostConfig: rec.HostConfig,
      passwd: readImageFile(images.snapshots, rec.berth.chain, 'etc/passwd'), group: readImageFile(images.snapshots, rec.berth.chain, 'etc/group'),
      etc: { hostname: p.hostname(id), hosts: p.hosts(id), resolvConf: p.resolvConf(id) }, mounts: res.mounts,
    });
    await writeJsonAtomic(join(p.bundle(id), 'config.json'), spec, 0o600);
    const logMax = sizeOpt(rec.HostConfig.LogConfig?.Config?.['max-size']);
    const mon = await startMonitor({
      id, name: rec.Name.slice(1), bundleDir: p.bundle(id), runtimeRoot: p.runcRoot, ...p.exitDirs(id), logPath: p.log(id),
      logSizeMax: logMax, terminal: rec.Config.Tty === true, stdin: rec.Config.OpenStdin === true,
      leaveStdinOpen: rec.Config.OpenStdin === true && rec.Config.StdinOnce !== true,
      exitCommand: { path: deps.berthCommand[0]!, args: [...deps.berthCommand.slice(1), 'container', 'cleanup', id] },
    });
    await attachRunResources(deps, rec, res.lease, mon.containerPid);
    let handle: AttachHandle | undefined;
    if (opts.attach) handle = await attachSocket(mon.attachPath, opts.attach, rec.Config.Tty === true);
    // recorded as running before `runc start`: if this CLI dies (kill -9) once the process runs,
    // reconcile and conmon's exit command still know the container and record its exit
    const now = new Date().toISOString();
    const previous = rec.State;
    const updated = await store.update(id, (r) => {
      setStatus(r.State, 'running');
      Object.assign(r.State, { Pid: mon.containerPid, ExitCode: 0, Error: '', StartedAt: now, FinishedAt: '0001-01-01T00:00:00Z', OOMKilled: false });
      // every run starts its health over, as dockerd's initHealthMonitor
      r.State.Health = hasHealthcheck(r.Config.Healthcheck) ? initialHealth() : undefined;
      r.berth.conmonPid = mon.conmonPid;
      r.berth.manuallyStopped = false;
      r.berth.exitHandled = false;
      r.berth.restartPid = undefined;
      if (!opts.policyRestart) { r.RestartCount = 0; r.berth.restartDelayMs = undefined; }
    });
    try {
      await runc.start(id);
    } catch (err) {
      await store.update(id, (r) => { r.State = { ...previous, Error: r.State.Error }; r.berth.exitHandled = true; }).catch(() => undefined);
      throw err;
    }
    await store.events.append(containerEvent('start', updated));
    return { record: updated, attach: handle };
  } catch (err) {
    await runc.delete(id, { force: true }).catch(() => undefined);
    await releaseRunResources(deps, rec).catch(() => undefined);
    unmountRootfs(p, id);
    await store.update(id, (r) => { r.State.Error = err instanceof Error ? err.message : String(err); }).catch(() => undefined);
    throw err;
  }
}

export async function attachSocket(path: string, s: AttachStreams, tty: boolean): Promise<AttachHandle> {
  const keys = s.detachKeys === '' ? Buffer.alloc(0) : parseDetachKeys(s.detachKeys ?? DEFAULT_DETACH_KEYS);
  const session = await attach(path, {
    stdin: s.stdin as never, stdout: s.stdout as never, stderr: (tty ? s.stdout : s.stderr) as never,
    detachKeys: tty && s.stdin ? keys : undefined, onDetach: s.onDetach,
  });
  return { done: session.done, close: () => session.close() };
}

function sizeOpt(v: string | undefined): number | undefined {
  if (!v) return undefined;
  const m = /^(\d+(?:\.\d+)?)\s*([kmg]?)b?$/i.exec(v.trim());
  if (!m) return undefined;
  return Math.floor(Number(m[1]) * ({ '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 } as Record<string, number>)[m[2]!.toLowerCase()]!);
}
