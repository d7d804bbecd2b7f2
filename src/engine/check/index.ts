/**
 * `system check [--repair]`: every check in dependency order (leftovers of dead writers first, so
 * their leases stop protecting garbage; broken snapshots before the image check re-unpacks what
 * images need; GC last). With repair, a second pass without repair verifies the result: the
 * store is clean only when that pass finds nothing.
 */
import type { ImageStore } from '../../image/image-store.js';
import type { ContainerDeps } from '../../container/runtime-deps.js';
import type { RootProvider } from '../../image/gc.js';
import type { Check, CheckContext, CheckFinding, SystemCheckOptions, SystemCheckResult } from './types.js';
import { checkIngests, checkLeases, checkTempFiles } from './leftovers.js';
import { checkBlobs } from './blobs.js';
import { checkSnapshots } from './snapshots.js';
import { checkImages, checkTags } from './images.js';
import { checkContainerDirs, checkMonitors, checkMounts, checkNames, checkRuncState } from './host.js';
import { checkContainers } from './containers.js';
import { checkVolumes } from './volumes.js';
import { checkUnreachable } from './gc.js';

export type { CheckFinding, FindingKind, FindingSeverity, SystemCheckOptions, SystemCheckResult } from './types.js';

const CHECKS: Check[] = [
  checkIngests, checkLeases, checkTempFiles, checkBlobs, checkSnapshots, checkImages, checkTags,
  checkMonitors, checkRuncState, checkContainers, checkMounts, checkContainerDirs, checkNames, checkVolumes,
];

async function pass(base: Omit<CheckContext, 'repair'>, repair: boolean): Promise<SystemCheckResult> {
  const ctx: CheckContext = { ...base, repair };
  const findings: CheckFinding[] = [];
  for (const check of CHECKS) findings.push(...await check(ctx));
  const gc = await checkUnreachable(ctx);
  findings.push(...gc.findings);
  return { findings, clean: findings.length === 0, collected: gc.collected };
}

export async function systemCheck(root: string, images: ImageStore, ctr: ContainerDeps, roots: RootProvider[], opts: SystemCheckOptions): Promise<SystemCheckResult> {
  const base = { root, images, ctr, roots };
  const first = await pass(base, opts.repair);
  if (!opts.repair || first.clean) return first;
  const verify = await pass(base, false);
  // a finding the verification no longer sees was repaired, whatever its own step reported
  const left = new Set(verify.findings.map((f) => `${f.kind} ${f.path}`));
  for (const f of first.findings) f.repaired = !left.has(`${f.kind} ${f.path}`);
  const known = new Set(first.findings.map((f) => `${f.kind} ${f.path}`));
  const fresh = verify.findings.filter((f) => !known.has(`${f.kind} ${f.path}`));
  return { findings: [...first.findings, ...fresh], clean: verify.clean, collected: first.collected };
}
