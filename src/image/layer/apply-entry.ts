/**
 * One tar entry → the layer directory, in two steps. planEntry does every check that needs no
 * filesystem access, synchronously, while tar-stream is still emitting the entry: a refusal
 * then stops the stream before any of the entry's data is accepted (an absurd declared size
 * must not turn into a "truncated" report). applyEntry performs the plan. Every refusal names
 * the entry (INVALID_ARGUMENT); limits are RESOURCE_EXHAUSTED.
 */
import { EngineError } from '../../lib/errors.js';
import {
  createDir, createFile, createHardlink, createSpecial, createSymlink, createWhiteout, owner, restoreXattrs,
  type NodeContext,
} from './create-node.js';
import { classifyPath, cleanPath, refuse, type PathKind } from './entry-path.js';
import type { EntryBody, TarEntry } from './tar-reader.js';

export interface EntryContext extends NodeContext {
  maxEntries: number;
  /** A declared size beyond this is refused up front; the stream's running total is capped separately. */
  maxBytes: number;
}

export type EntryPlan = { kind: 'root' } | (PathKind & { rel: string; linkTarget: string });

const NODE_TYPES = new Set<string>([
  'file', 'contiguous-file', 'directory', 'symlink', 'link', 'character-device', 'block-device', 'fifo',
]);
const isFile = (e: TarEntry) => e.type === 'file' || e.type === 'contiguous-file';

export function planEntry(ctx: EntryContext, e: TarEntry): EntryPlan {
  if (++ctx.state.entries > ctx.maxEntries) {
    throw new EngineError('RESOURCE_EXHAUSTED', `layer has more than ${ctx.maxEntries} entries`);
  }
  if (e.size > ctx.maxBytes) {
    throw new EngineError('RESOURCE_EXHAUSTED',
      `entry ${JSON.stringify(e.name)} declares ${e.size} bytes, beyond the layer limit of ${ctx.maxBytes} bytes`);
  }
  const rel = cleanPath(e.name);
  if (rel === '') return { kind: 'root' };
  const kind = classifyPath(rel, e.name);
  if (kind.kind === 'plain' && !NODE_TYPES.has(e.type)) throw refuse(e.name, 'unsupported tar entry type');
  const linkTarget = kind.kind === 'plain' && e.type === 'link' ? cleanPath(e.linkname, e.name, 'hardlink target') : '';
  return { ...kind, rel, linkTarget };
}

/** Discard an entry's data. tar-stream never streams a directory body, so it is not awaited. */
async function drain(e: TarEntry, body: EntryBody): Promise<void> {
  if (e.type === 'directory') return;
  for await (const _ of body) { /* discard */ }
}

export async function applyEntry(ctx: EntryContext, e: TarEntry, plan: EntryPlan, body: EntryBody): Promise<void> {
  if (plan.kind !== 'plain' || !isFile(e)) await drain(e, body);
  switch (plan.kind) {
    case 'root':
      return applyRoot(ctx, e);
    case 'meta':
      return;
    case 'opaque':
      // Marks the directory; the xattr is set after all entries, so tar order cannot matter.
      ctx.fs.ensureParents(plan.rel, e.name);
      ctx.state.opaque.add(plan.dir);
      return;
    case 'whiteout':
      ctx.fs.ensureParents(plan.target, e.name);
      return createWhiteout(ctx, plan.target, e);
  }
  ctx.fs.ensureParents(plan.rel, e.name);
  if (isFile(e)) return createFile(ctx, plan.rel, e, body);
  switch (e.type) {
    case 'directory':
      return createDir(ctx, plan.rel, e);
    case 'symlink':
      return createSymlink(ctx, plan.rel, e);
    case 'link':
      return createHardlink(ctx, plan.rel, plan.linkTarget, e);
    default:
      return createSpecial(ctx, plan.rel, e);
  }
}

/** `./` carries the layer root's own attributes; any other type at the root is ignored. */
function applyRoot(ctx: EntryContext, e: TarEntry): void {
  if (e.type !== 'directory') return;
  owner(ctx, ctx.fs.root, e);
  restoreXattrs(ctx.fs.root, e);
  ctx.state.dirAttrs.set('', { mode: e.mode, mtime: e.mtime });
}
