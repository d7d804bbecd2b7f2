/**
 * `system check` findings. Each check inspects one part of the state root and, with `repair`,
 * fixes what it safely can; it never deletes a committed image, container or volume.
 */
import type { ImageStore } from '../../image/image-store.js';
import type { ContainerDeps } from '../../container/runtime-deps.js';
import type { RootProvider } from '../../image/gc.js';

export type FindingSeverity = 'error' | 'warning';

export type FindingKind =
  | 'corrupt-blob' | 'stray-blob-file' | 'missing-blob' | 'missing-snapshot' | 'broken-image'
  | 'dangling-tag' | 'broken-snapshot' | 'missing-parent-snapshot' | 'stale-build-container'
  | 'unreachable-blob' | 'unreachable-snapshot'
  | 'container-state' | 'container-mount' | 'container-runc' | 'orphan-container-dir'
  | 'leaked-mount' | 'orphan-monitor' | 'orphan-runc-state'
  | 'stale-ingest' | 'stale-staging' | 'stale-lease' | 'stale-temp'
  | 'volume-data-missing' | 'orphan-volume-dir';

export interface CheckFinding {
  kind: FindingKind;
  severity: FindingSeverity;
  /** The file, directory, mount point or record ID the finding is about. */
  path: string;
  message: string;
  /** `--repair` can fix it without deleting committed content. */
  repairable: boolean;
  /** Set when `--repair` ran: whether this finding was fixed. */
  repaired?: boolean;
  /** What the user can do when it cannot be repaired (pull/load again…). */
  hint?: string;
}

export interface SystemCheckOptions {
  repair: boolean;
}

export interface SystemCheckResult {
  findings: CheckFinding[];
  /** Nothing found, or (with repair) everything found was repaired. */
  clean: boolean;
  /** Blobs and snapshots the repair's garbage collection removed. */
  collected: { blobs: number; snapshots: number };
}

/** What every check gets: the stores, the container deps, GC roots other domains own. */
export interface CheckContext {
  root: string;
  images: ImageStore;
  ctr: ContainerDeps;
  roots: RootProvider[];
  repair: boolean;
}

/** One check: returns its findings; with ctx.repair it also fixes them and sets `repaired`. */
export type Check = (ctx: CheckContext) => Promise<CheckFinding[]>;

/** Run a repair action and record its outcome on the finding (a failed repair stays a finding). */
export async function attempt(ctx: CheckContext, f: CheckFinding, fix: () => Promise<void> | void): Promise<CheckFinding> {
  if (!ctx.repair || !f.repairable) return f;
  try {
    await fix();
    f.repaired = true;
  } catch (err) {
    f.repaired = false;
    f.message += ` (repair failed: ${err instanceof Error ? err.message : String(err)})`;
  }
  return f;
}
