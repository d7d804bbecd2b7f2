/**
 * Each container record against reality, under that container's lock (so a start or stop in
 * flight is never judged half-way): `runc state`, the monitor (conmon pid alive), the exit file
 * and the rootfs mount. Repairs only ever move a record to "exited" and release what an exited
 * container must not hold (its mount, its runc state); no record is deleted.
 */
import { readExit } from '../../runtime/monitor/index.js';
import { processAlive } from '../../lib/process-alive.js';
import { handleExit, syncRecord } from '../../container/reconcile.js';
import { isMounted, unmountRootfs } from '../../container/rootfs.js';
import type { ContainerRecord } from '../../container/record.js';
import { removeContainer } from '../../container/remove.js';
import { BUILD_LABEL, OWNER_LABEL, ownerAlive } from '../../build/owner.js';
import { attempt, type CheckContext, type CheckFinding } from './types.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function checkLive(ctx: CheckContext, rec: ContainerRecord, name: string): Promise<CheckFinding[]> {
  const { ctr } = ctx;
  const exit = await readExit(ctr.store.paths.exitDirs(rec.Id), rec.Id);
  const st = await ctr.runc.state(rec.Id).catch(() => undefined);
  const runcLive = st?.status === 'running' || st?.status === 'paused' || st?.status === 'created';
  const monitor = processAlive(rec.berth.conmonPid);
  if (exit || (!runcLive && !monitor)) {
    const why = exit ? `exited with ${exit.exitCode} but that was never recorded` : 'its process and monitor are gone (runc state missing)';
    return [await attempt(ctx, {
      kind: 'container-state', severity: 'error', path: rec.Id, repairable: true, message: `container ${name} is recorded ${rec.State.Status}; ${why} (repair marks it exited)`,
    }, async () => { await syncRecord(ctr, rec); })];
  }
  if (st?.status === 'created') {
    // start records "running" just before `runc start`; under the container lock no start is in
    // flight, so a parked init means the starting CLI died in between
    return [await attempt(ctx, {
      kind: 'container-state', severity: 'error', path: rec.Id, repairable: true,
      message: `container ${name} is recorded ${rec.State.Status} but was never started (its start was interrupted) (repair marks it exited)`,
    }, async () => {
      await ctr.runc.delete(rec.Id, { force: true }).catch(() => undefined);
      // conmon records the killed init's exit (bounded: a monitor that never does counts as 255)
      let exit = await readExit(ctr.store.paths.exitDirs(rec.Id), rec.Id);
      for (let i = 0; i < 200 && !exit && processAlive(rec.berth.conmonPid); i++) {
        await sleep(50);
        exit = await readExit(ctr.store.paths.exitDirs(rec.Id), rec.Id);
      }
      await handleExit(ctr, rec.Id, exit?.exitCode ?? 255, new Date(), false);
    })];
  }
  if (runcLive && !monitor) {
    // nothing collects its output or records its exit any more: stop it and record the exit
    return [await attempt(ctx, {
      kind: 'container-state', severity: 'error', path: rec.Id, repairable: true,
      message: `container ${name} runs without its monitor (conmon pid ${rec.berth.conmonPid ?? '?'} is gone) (repair kills it and marks it exited)`,
    }, async () => {
      await ctr.runc.kill(rec.Id, '9', { all: true }).catch(() => undefined);
      for (let i = 0; i < 200; i++) {
        const s = await ctr.runc.state(rec.Id).catch(() => undefined);
        if (!s || s.status === 'stopped') break;
        await sleep(50);
      }
      await handleExit(ctr, rec.Id, 137, new Date(), false);
    })];
  }
  return [];
}

async function checkStopped(ctx: CheckContext, rec: ContainerRecord, name: string): Promise<CheckFinding[]> {
  const { ctr } = ctx;
  const out: CheckFinding[] = [];
  const rootfs = ctr.store.paths.rootfs(rec.Id);
  if (isMounted(rootfs)) {
    out.push(await attempt(ctx, {
      kind: 'container-mount', severity: 'warning', path: rootfs, repairable: true, message: `container ${name} is ${rec.State.Status} but its rootfs is still mounted`,
    }, () => unmountRootfs(ctr.store.paths, rec.Id)));
  }
  const st = await ctr.runc.state(rec.Id).catch(() => undefined);
  if (st) {
    out.push(await attempt(ctx, {
      kind: 'container-runc', severity: 'warning', path: `${ctr.runc.root}/${rec.Id}`, repairable: st.status === 'stopped' || st.status === 'created',
      message: `container ${name} is ${rec.State.Status} but runc still has it (${st.status})`,
    }, () => ctr.runc.delete(rec.Id, { force: true })));
  }
  return out;
}

/**
 * A build's RUN container outlives a build killed with -9 (it keeps running under conmon); it is
 * the build's scratch space, never a user's container, so removing it is what the next build does.
 */
async function checkBuildContainers(ctx: CheckContext): Promise<{ findings: CheckFinding[] }> {
  const findings: CheckFinding[] = [];
  for (const rec of await ctx.ctr.store.records.list()) {
    const labels = rec.Config.Labels ?? {};
    if (labels[BUILD_LABEL] !== '1' || ownerAlive(labels[OWNER_LABEL])) continue;
    findings.push(await attempt(ctx, {
      kind: 'stale-build-container', severity: 'warning', path: rec.Id, repairable: true, message: `intermediate container of a build that is gone (${rec.State.Status})`,
    }, async () => { await removeContainer(ctx.ctr, rec.Id, { force: true }); }));
  }
  return { findings };
}

export async function checkContainers(ctx: CheckContext): Promise<CheckFinding[]> {
  const { store } = ctx.ctr;
  const build = await checkBuildContainers(ctx);
  const out: CheckFinding[] = [...build.findings];
  for (const id of await store.records.keys()) {
    if (build.findings.some((f) => f.path === id)) continue; // judged above
    out.push(...await store.withContainerLock(id, async () => {
      const rec = await store.records.get(id).catch(() => undefined);
      if (!rec) return []; // removed meanwhile
      const name = rec.Name.replace(/^\//, '') || id.slice(0, 12);
      if (rec.State.Status === 'running' || rec.State.Status === 'paused') return checkLive(ctx, rec, name);
      if (rec.State.Status === 'restarting') return []; // its exit command owns it until the backoff ends
      return checkStopped(ctx, rec, name);
    }));
  }
  return out;
}
