/**
 * What killed writers leave: ingests (ingest/<ms>-<pid>-<rand>), leases of dead processes,
 * temp files of atomic writes (.<name>.tmp-<pid>-<hex>) and build temp dirs. Each names its
 * writer's pid, so "stale" means that process is gone: a running operation is never touched.
 */
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { processAlive } from '../../lib/process-alive.js';
import { attempt, type CheckContext, type CheckFinding } from './types.js';

const rmrf = (p: string) => fsp.rm(p, { recursive: true, force: true });

export async function checkIngests(ctx: CheckContext): Promise<CheckFinding[]> {
  const dir = join(ctx.root, 'ingest');
  const out: CheckFinding[] = [];
  for (const n of await fsp.readdir(dir).catch(() => [] as string[])) {
    // a pull's digest-keyed partial download is kept on purpose so the next pull resumes it;
    // its expiry belongs to the pull code (image/pull-partial.ts), not to this check
    if (n.startsWith('partial-')) continue;
    const pid = Number(/^\d+-(\d+)-/.exec(n)?.[1] ?? 0);
    if (processAlive(pid)) continue;
    out.push(await attempt(ctx, { kind: 'stale-ingest', severity: 'warning', path: join(dir, n), repairable: true, message: `partial write of a process that is gone (pid ${pid || '?'})` },
      () => rmrf(join(dir, n))));
  }
  const tmp = join(ctx.root, 'build', 'tmp');
  for (const n of await fsp.readdir(tmp).catch(() => [] as string[])) {
    const pid = Number(/^(\d+)-/.exec(n)?.[1] ?? 0);
    if (processAlive(pid)) continue;
    out.push(await attempt(ctx, { kind: 'stale-ingest', severity: 'warning', path: join(tmp, n), repairable: true, message: `build temp dir of a process that is gone (pid ${pid || '?'})` },
      () => rmrf(join(tmp, n))));
  }
  return out;
}

export async function checkLeases(ctx: CheckContext): Promise<CheckFinding[]> {
  const { leases } = ctx.images.meta;
  const out: CheckFinding[] = [];
  for (const lease of await leases.list()) {
    if (processAlive(lease.pid)) continue;
    out.push(await attempt(ctx, {
      kind: 'stale-lease', severity: 'warning', path: join(leases.dir, `${lease.id}.json`), repairable: true,
      message: `lease of pid ${lease.pid} (gone) holds ${lease.blobs.length} blob(s) and ${lease.snapshots.length} snapshot(s)`,
    }, () => leases.delete(lease.id)));
  }
  return out;
}

const TEMP_RE = /^\..+\.tmp-(\d+)-[a-f0-9]+$/;
/** Trees that hold content, not records: never walked (a container's rootfs may hold anything). */
const SKIP_TOP = new Set(['blobs', 'snapshots', 'volumes', 'ingest', 'runc']);
const SKIP_IN_CONTAINER = new Set(['rootfs', 'diff', 'work', 'empty']);

async function* tempFiles(dir: string, rel: string[]): AsyncGenerator<{ path: string; pid: number }> {
  const entries = await fsp.readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const e of entries) {
    const path = join(dir, e.name);
    const m = TEMP_RE.exec(e.name);
    if (m && e.isFile()) { yield { path, pid: Number(m[1]) }; continue; }
    if (!e.isDirectory() || rel.length >= 4) continue;
    if (rel.length === 0 && SKIP_TOP.has(e.name)) continue;
    if (rel.length === 0 && e.name === 'build') { yield* tempFiles(join(path, 'stat-cache'), ['build', 'stat-cache']); continue; }
    if (rel.length === 2 && rel[0] === 'containers' && SKIP_IN_CONTAINER.has(e.name)) continue;
    yield* tempFiles(path, [...rel, e.name]);
  }
}

export async function checkTempFiles(ctx: CheckContext): Promise<CheckFinding[]> {
  const out: CheckFinding[] = [];
  for await (const t of tempFiles(ctx.root, [])) {
    if (processAlive(t.pid)) continue;
    out.push(await attempt(ctx, { kind: 'stale-temp', severity: 'warning', path: t.path, repairable: true, message: `temp file of an atomic write by pid ${t.pid} (gone)` },
      () => fsp.rm(t.path, { force: true })));
  }
  return out;
}
