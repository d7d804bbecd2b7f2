/**
 * What lives outside the records: overlay mounts under the root, conmon processes of this root,
 * runc state dirs and container dirs. Each is judged against the container records; anything no
 * record owns is a crash leftover (a `rm` killed between its steps, a monitor whose record went).
 */
import { promises as fsp, readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { MNT_DETACH, umount } from '../../lib/native.js';
import { processAlive } from '../../lib/process-alive.js';
import { attempt, type CheckContext, type CheckFinding } from './types.js';

/** A container dir younger than this may be a `create` between its mkdir and its record. */
const CREATE_GRACE_MS = 5_000;
/** How long a monitor whose container has gone may take to leave (exit file, exit command). */
const MONITOR_EXIT_GRACE_MS = 5_000;

function mountsUnder(root: string): string[] {
  // mountinfo escapes spaces as octal; paths under a berth root have none
  return readFileSync('/proc/self/mountinfo', 'utf8').split('\n').map((l) => l.split(' ')[4] ?? '').filter((p) => p.startsWith(`${root}/`));
}

export async function checkMounts(ctx: CheckContext): Promise<CheckFinding[]> {
  const ids = new Set(await ctx.ctr.store.records.keys());
  const out: CheckFinding[] = [];
  // deepest first, so a leaked mount on top of another comes off before the one below
  for (const m of [...new Set(mountsUnder(ctx.root))].sort((a, b) => b.length - a.length)) {
    const own = /^containers\/([a-f0-9]{64})\/rootfs$/.exec(m.slice(ctx.root.length + 1));
    if (own && ids.has(own[1]!)) continue; // the container check judges its own rootfs
    out.push(await attempt(ctx, { kind: 'leaked-mount', severity: 'error', path: m, repairable: true, message: 'mount under the state root that no container owns' },
      () => umount(m, MNT_DETACH)));
  }
  return out;
}

/** conmon processes whose bundle is under this root's containers/: pid → container ID. */
export function monitorsOf(root: string): Map<number, string> {
  const prefix = `${root}/containers/`;
  const out = new Map<number, string>();
  for (const p of readdirSync('/proc')) {
    if (!/^\d+$/.test(p)) continue;
    let argv: string[];
    try { argv = readFileSync(`/proc/${p}/cmdline`, 'utf8').split('\0'); } catch { continue; }
    if (basename(argv[0] ?? '') !== 'conmon') continue;
    const bundle = argv[argv.indexOf('-b') + 1] ?? '';
    if (argv.indexOf('-b') < 0 || !bundle.startsWith(prefix)) continue;
    out.set(Number(p), bundle.slice(prefix.length).split('/')[0]!);
  }
  return out;
}

export async function checkMonitors(ctx: CheckContext): Promise<CheckFinding[]> {
  const out: CheckFinding[] = [];
  for (const [pid, id] of monitorsOf(ctx.root)) {
    if (await ctx.ctr.store.records.get(id).catch(() => undefined)) continue;
    // a monitor whose container just died (a removal a moment ago) writes its exit file, runs the
    // exit command and leaves within a moment: only one that outlives that is an orphan
    const st = await ctx.ctr.runc.state(id).catch(() => undefined);
    if (st?.status !== 'running' && st?.status !== 'paused') {
      for (let i = 0; i < MONITOR_EXIT_GRACE_MS / 100 && processAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
      if (!processAlive(pid)) continue;
    }
    out.push(await attempt(ctx, { kind: 'orphan-monitor', severity: 'error', path: `/proc/${pid}`, repairable: true, message: `conmon (pid ${pid}) monitors container ${id.slice(0, 12)}, which has no record` },
      () => { try { process.kill(pid, 'SIGKILL'); } catch { /* gone already */ } }));
  }
  return out;
}

export async function checkRuncState(ctx: CheckContext): Promise<CheckFinding[]> {
  const { runc, store } = ctx.ctr;
  const out: CheckFinding[] = [];
  for (const id of await fsp.readdir(runc.root).catch(() => [] as string[])) {
    if (await store.records.get(id).catch(() => undefined)) continue;
    out.push(await attempt(ctx, { kind: 'orphan-runc-state', severity: 'error', path: join(runc.root, id), repairable: true, message: `runc state of ${id.slice(0, 12)}, which has no container record` },
      async () => {
        await runc.kill(id, '9', { all: true }).catch(() => undefined);
        await runc.delete(id, { force: true });
      }));
  }
  return out;
}

export async function checkContainerDirs(ctx: CheckContext): Promise<CheckFinding[]> {
  const { store } = ctx.ctr;
  const dir = join(ctx.root, 'containers');
  const out: CheckFinding[] = [];
  for (const id of await fsp.readdir(dir).catch(() => [] as string[])) {
    if (await store.records.get(id).catch(() => undefined)) continue;
    const st = await fsp.stat(join(dir, id)).catch(() => undefined);
    if (!st || Date.now() - st.mtimeMs < CREATE_GRACE_MS) continue;
    if (mountsUnder(join(dir, id)).length) continue; // the mount check detaches it first; judged on the next run
    out.push(await attempt(ctx, { kind: 'orphan-container-dir', severity: 'warning', path: join(dir, id), repairable: true, message: 'container directory without a record (a removal was interrupted)' },
      () => fsp.rm(join(dir, id), { recursive: true, force: true })));
  }
  return out;
}

/** The name index against the records: a kill between the two writes of create/rm leaves one without the other. */
export async function checkNames(ctx: CheckContext): Promise<CheckFinding[]> {
  const { store } = ctx.ctr;
  return store.meta.lock(async () => {
    const names = await store.readNames();
    const records = await store.records.list();
    const byId = new Map(records.map((r) => [r.Id, r]));
    const out: CheckFinding[] = [];
    let changed = false;
    for (const [name, id] of Object.entries(names)) {
      if (byId.get(id)?.Name === `/${name}`) continue;
      out.push(await attempt(ctx, { kind: 'container-state', severity: 'error', path: name, repairable: true, message: `container name ${name} points at ${id.slice(0, 12)}, which has no such record` },
        () => { delete names[name]; changed = true; }));
    }
    for (const r of records) {
      const name = r.Name.replace(/^\//, '');
      if (!name || names[name] === r.Id) continue;
      const taken = names[name] !== undefined;
      out.push(await attempt(ctx, {
        kind: 'container-state', severity: 'error', path: r.Id, repairable: !taken,
        message: `container ${r.Id.slice(0, 12)} is named ${name} but the name index ${taken ? 'gives that name to another container' : 'does not list it'}`,
        hint: taken ? `rename one of them (berth rename ${r.Id.slice(0, 12)} NEW_NAME)` : undefined,
      }, () => { names[name] = r.Id; changed = true; }));
    }
    if (changed) await store.writeNames(names);
    return out;
  });
}
