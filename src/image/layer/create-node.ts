/**
 * Creating one filesystem object per tar entry, attributes in the order that keeps them
 * (engine-anchors §5.3 item 8): content, lchown, xattrs (chown clears security.capability),
 * chmod (chown clears setuid/setgid), mtime last. Directory mode and mtime wait until the end.
 * Callers have ensured the parents and passed a cleaned, non-root path. Synchronous calls:
 * see layer-fs.ts for why.
 */
import {
  chmodSync, closeSync, constants, fchmodSync, fchownSync, futimesSync, lchownSync, linkSync, lstatSync, lutimesSync,
  openSync, symlinkSync, writeSync,
} from 'node:fs';
import { errnoCode } from '../../lib/errors.js';
import { lsetxattr, mkfifo, mknodBlock, mknodChar } from '../../lib/native.js';
import { refuse } from './entry-path.js';
import type { LayerFs } from './layer-fs.js';
import type { LayerState } from './layer-state.js';
import { isRestorableXattr } from './pax.js';
import type { EntryBody, TarEntry } from './tar-reader.js';
import { PATH_MAX } from './types.js';

export interface NodeContext {
  fs: LayerFs;
  state: LayerState;
  sameOwner: boolean;
  allowDevices: boolean;
}

/** O_EXCL|O_NOFOLLOW: creates a new inode or fails with EEXIST; never opens or truncates what is there. */
const CREATE_FLAGS = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;
const MAX_ID = 0xfffffffe;

/** The ids to chown to, or undefined when ownership is not preserved. */
function ownerIds(ctx: NodeContext, e: TarEntry): [number, number] | undefined {
  if (!ctx.sameOwner) return undefined;
  for (const id of [e.uid, e.gid]) {
    if (!Number.isInteger(id) || id < 0 || id > MAX_ID) throw refuse(e.name, `invalid owner id ${id}`);
  }
  return [e.uid, e.gid];
}

export function owner(ctx: NodeContext, path: string, e: TarEntry): void {
  const ids = ownerIds(ctx, e);
  if (ids) lchownSync(path, ...ids);
}

export function restoreXattrs(path: string, e: TarEntry): void {
  for (const [name, value] of e.xattrs) {
    if (!isRestorableXattr(name)) continue;
    try {
      lsetxattr(path, name, value);
    } catch (err) {
      // A filesystem without xattr support loses them, as with dockerd; anything else is fatal.
      if (errnoCode(err) !== 'EOPNOTSUPP') throw err;
    }
  }
}

export async function createFile(ctx: NodeContext, rel: string, e: TarEntry, body: EntryBody): Promise<void> {
  const path = ctx.fs.abs(rel);
  const fd = ctx.fs.create(rel, (p) => openSync(p, CREATE_FLAGS, 0o600));
  try {
    for await (const chunk of body) {
      for (let off = 0; off < chunk.length; ) off += writeSync(fd, chunk, off, chunk.length - off);
    }
    const ids = ownerIds(ctx, e);
    if (ids) fchownSync(fd, ...ids);
    restoreXattrs(path, e);
    fchmodSync(fd, e.mode);
    futimesSync(fd, e.mtime, e.mtime);
  } finally {
    closeSync(fd);
  }
  ctx.state.addInode(rel, e.size);
}

export function createDir(ctx: NodeContext, rel: string, e: TarEntry): void {
  const path = ctx.fs.abs(rel);
  ctx.fs.createDir(rel, 0o700);
  owner(ctx, path, e);
  restoreXattrs(path, e);
  ctx.state.dirAttrs.set(rel, { mode: e.mode, mtime: e.mtime });
}

export function createSymlink(ctx: NodeContext, rel: string, e: TarEntry): void {
  // The target may point anywhere: it is resolved inside the container, never by us.
  if (e.linkname === '') throw refuse(e.name, 'symlink has an empty target');
  if (e.linkname.includes('\0')) throw refuse(e.name, 'symlink target contains a NUL byte');
  if (Buffer.byteLength(e.linkname) >= PATH_MAX) throw refuse(e.name, 'symlink target is too long');
  const path = ctx.fs.abs(rel);
  ctx.fs.create(rel, (p) => symlinkSync(e.linkname, p));
  owner(ctx, path, e);
  lutimesSync(path, e.mtime, e.mtime);
  ctx.state.addInode(rel, Buffer.byteLength(e.linkname));
}

/** A hardlink's own header attributes are ignored: the inode's come from the file it links to. */
export function createHardlink(ctx: NodeContext, rel: string, target: string, e: TarEntry): void {
  if (target === '') throw refuse(e.name, 'hardlink to the layer root');
  if (target === rel || target.startsWith(rel + '/')) {
    throw refuse(e.name, 'hardlink target is replaced by the link itself');
  }
  const source = ctx.fs.abs(target);
  const st = ctx.fs.parentsAreDirs(target, e.name) ? lstatSync(source, { throwIfNoEntry: false }) : undefined;
  if (!st) throw refuse(e.name, `hardlink target ${JSON.stringify(e.linkname)} is not a file extracted in this layer`);
  if (!st.isFile()) throw refuse(e.name, `hardlink target ${JSON.stringify(e.linkname)} is not a regular file`);
  ctx.fs.create(rel, (p) => linkSync(source, p)); // link(2) never follows a symlink source
  ctx.state.addLink(rel, target);
}

export function createSpecial(ctx: NodeContext, rel: string, e: TarEntry): void {
  const whiteout = e.type === 'character-device' && e.devmajor === 0 && e.devminor === 0;
  if (!ctx.allowDevices && !whiteout) throw refuse(e.name, `${e.type} entries are not allowed`);
  const path = ctx.fs.abs(rel);
  ctx.fs.create(rel, (p) => {
    if (e.type === 'character-device') mknodChar(p, e.mode, e.devmajor, e.devminor);
    else if (e.type === 'block-device') mknodBlock(p, e.mode, e.devmajor, e.devminor);
    else mkfifo(p, e.mode);
  });
  owner(ctx, path, e);
  chmodSync(path, e.mode); // the umask trimmed mknod's mode; chmod never opens the node
  lutimesSync(path, e.mtime, e.mtime);
}

/** `.wh.<name>` → character device 0/0 at <name>, overlayfs's whiteout form. */
export function createWhiteout(ctx: NodeContext, rel: string, e: TarEntry): void {
  const path = ctx.fs.abs(rel);
  ctx.fs.create(rel, (p) => mknodChar(p, 0, 0, 0));
  owner(ctx, path, e);
  lutimesSync(path, e.mtime, e.mtime);
}
