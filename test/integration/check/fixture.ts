/**
 * A temp state root with the demo image, driven through the in-process engine; helpers to break it
 * the ways a crash would, and to read `system check` results.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine } from '../../../src/engine/create-engine.js';
import type { Engine } from '../../../src/engine/engine.js';
import type { CheckFinding, SystemCheckResult } from '../../../src/engine/check/types.js';
import { MNT_DETACH, umount } from '../../../src/lib/native.js';

export const isRoot = process.getuid?.() === 0;

export interface CheckRoot {
  root: string;
  engine: Engine;
  imageId: string;
  check(repair?: boolean): Promise<SystemCheckResult>;
  cleanup(): Promise<void>;
}

export async function checkRoot(prefix = 'berth-check-'): Promise<CheckRoot> {
  const root = mkdtempSync(join(tmpdir(), prefix));
  const engine = await createEngine({ root });
  const imageId = await engine.createDemoImage('busybox:latest');
  return {
    root, engine, imageId,
    check: (repair = false) => engine.systemCheck({ repair }),
    cleanup: async () => {
      for (const c of await engine.listContainers({ all: true })) await engine.removeContainer(c.Id, { force: true }).catch(() => undefined);
      for (const m of mountsUnder(root).sort((a, b) => b.length - a.length)) { try { umount(m, MNT_DETACH); } catch { /* gone */ } }
      for (const pid of processesUsing(root)) { try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ } }
      await settle(root);
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** A pid that certainly belongs to no live process: a child that has exited and been reaped. */
export function deadPid(): number {
  return spawnSync('true').pid!;
}

export const kinds = (r: SystemCheckResult) => r.findings.map((f) => f.kind).sort();
export const byKind = (r: SystemCheckResult, kind: CheckFinding['kind']) => r.findings.filter((f) => f.kind === kind);

export function mountsUnder(root: string): string[] {
  return readFileSync('/proc/self/mountinfo', 'utf8').split('\n').map((l) => l.split(' ')[4] ?? '').filter((p) => p.startsWith(`${root}/`));
}

export function processesUsing(root: string): number[] {
  return readdirSync('/proc').filter((p) => /^\d+$/.test(p) && Number(p) !== process.pid).filter((p) => {
    try { return readFileSync(`/proc/${p}/cmdline`, 'utf8').includes(root); } catch { return false; }
  }).map(Number);
}

export async function settle(root: string): Promise<void> {
  for (let i = 0; i < 150 && processesUsing(root).length; i++) await new Promise((r) => setTimeout(r, 100));
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function until(fn: () => boolean | Promise<boolean>, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!(await fn())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}
