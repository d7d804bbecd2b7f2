/**
 * `diff` (GET /containers/{id}/changes): the container's changes read from its overlay upper dir,
 * classified as dockerd's naive diff classifies the merged views (go-archive ChangesDirs): a
 * path absent from the image is added (A) and so is everything under an added directory; a path
 * present in both is changed (C) when mode, owner, device or, for non-directories, size or mtime
 * differ; a whiteout is a deletion (D) of what the image had; an opaque directory deletes the
 * image's children that the upper dir does not have again. A directory holding any change is
 * listed as changed right before its contents. Order: depth first, names sorted (deterministic,
 * where dockerd's follows Go map order). runc's mount points are left out, as dockerd's init layer
 * hides them. The upper dir is walked through directory descriptors, never through a symlink.
 */
import { closeSync, constants, lstatSync, openSync, readdirSync, type Stats } from 'node:fs';
import { lgetxattr } from '../lib/native.js';
import { OPAQUE_XATTR } from '../image/layer/index.js';
import type { ContainerChange } from '../types/container.js';
import type { Digest } from '../oci/digest.js';
import type { ContainerDeps } from './runtime-deps.js';
import { withContainerFs } from './archive-access.js';
import { LowerView, mountpointArtifacts } from './archive-lower.js';

const MODIFY = 0;
const ADD = 1;
const DELETE = 2;

interface Walk {
  lower: LowerView;
  skip: Set<string>;
}

export async function containerChanges(deps: ContainerDeps, ref: string): Promise<ContainerChange[]> {
  return withContainerFs(deps, ref, async (cfs) => {
    const lower = lowerView(deps, cfs.rec.berth.chain);
    const ctx: Walk = { lower, skip: mountpointArtifacts(cfs.rec, cfs.upper, lower) };
    return walkDir(ctx, cfs.upper, '', true);
  }, { mount: false, pause: false });
}

/** The container's lower layers, top first, as a LowerView. */
export function lowerView(deps: ContainerDeps, chain: readonly Digest[]): LowerView {
  return new LowerView([...chain].reverse().map((c) => deps.images.snapshots.fsPath(c)));
}

const isWhiteout = (st: Stats) => st.isCharacterDevice() && st.rdev === 0;

/** go-archive's sameFsTime: equal, or the same second with one side lacking nanoseconds. */
function sameTime(a: bigint, b: bigint): boolean {
  const s = 1_000_000_000n;
  return a === b || (a / s === b / s && (a % s === 0n || b % s === 0n));
}

function statDifferent(o: Stats, n: Stats): boolean {
  if (o.mode !== n.mode || o.uid !== n.uid || o.gid !== n.gid || o.rdev !== n.rdev) return true;
  if (o.isDirectory()) return false;
  return o.size !== n.size || !sameTime(BigInt(Math.round(o.mtimeMs * 1e6)), BigInt(Math.round(n.mtimeMs * 1e6)));
}

function walkDir(ctx: Walk, dirAbs: string, rel: string, lowerIsDir: boolean): ContainerChange[] {
  const fd = openSync(dirAbs, constants.O_RDONLY | constants.O_DIRECTORY | constants.O_NOFOLLOW);
  try {
    const via = `/proc/self/fd/${fd}`;
    const out: ContainerChange[] = [];
    const names = readdirSync(via).sort();
    for (const name of names) {
      const p = rel ? `${rel}/${name}` : name;
      if (ctx.skip.has(p)) continue;
      const st = lstatSync(`${via}/${name}`);
      const old = lowerIsDir ? ctx.lower.stat(p) : undefined;
      if (isWhiteout(st)) {
        if (old) out.push({ Path: `/${p}`, Kind: DELETE });
        continue;
      }
      if (!old) {
        out.push({ Path: `/${p}`, Kind: ADD });
        if (st.isDirectory()) out.push(...walkDir(ctx, `${via}/${name}`, p, false));
        continue;
      }
      const inner = st.isDirectory() ? walkDir(ctx, `${via}/${name}`, p, old.isDirectory()) : [];
      if (statDifferent(old, st) || inner.length) out.push({ Path: `/${p}`, Kind: MODIFY });
      out.push(...inner);
    }
    // an opaque directory hides the image's children: those not created again are deleted
    if (lowerIsDir && rel !== '' && lgetxattr(`${via}/.`, OPAQUE_XATTR)?.toString() === 'y') {
      const kept = new Set(names);
      for (const gone of ctx.lower.children(rel)) if (!kept.has(gone)) out.push({ Path: `/${rel}/${gone}`, Kind: DELETE });
    }
    return out;
  } finally {
    closeSync(fd);
  }
}
