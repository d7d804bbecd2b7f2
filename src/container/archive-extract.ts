/**
 * Untar for `cp`, into a directory of a container root or of the host, with go-archive's Untar
 * semantics (NoOverwriteDirNonDir, ownership from the tar, a fixed owner or none, "." skipped,
 * symlinks whose relative target climbs out of the extraction dir refused) on top of the layer
 * module's safe node creation: names are cleaned (no "..", no absolute escape), every parent is
 * lstat'ed and must be a real directory (a symlinked parent is refused rather than followed),
 * leaves are created with O_EXCL/O_NOFOLLOW and whatever was there is unlinked, never written
 * through. `.wh.` names are plain files here: this is a copy, not a layer.
 */
import { lstatSync } from 'node:fs';
import { posix } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { EngineError, invalid, toEngineError } from '../lib/errors.js';
import {
  createDir, createFile, createHardlink, createSpecial, createSymlink, type NodeContext,
} from '../image/layer/create-node.js';
import { cleanPath } from '../image/layer/entry-path.js';
import { finalizeLayer } from '../image/layer/finalize.js';
import { LayerFs } from '../image/layer/layer-fs.js';
import { LayerState } from '../image/layer/layer-state.js';
import { peek } from '../image/layer/peek.js';
import { createTarReader, type EntryBody, type TarEntry } from '../image/layer/tar-reader.js';

export interface ExtractOptions {
  /** Refuse to replace a directory with a non-directory or the reverse (docker cp always asks). */
  noOverwriteDirNonDir: boolean;
  /** 'tar': the entries' uid/gid; fixed ids (cp -a with a container user); 'none': the caller's (host side). */
  owner: 'tar' | 'none' | { uid: number; gid: number };
  /** Rewrites entry names (and hardlink targets) first: docker's RebaseArchiveEntries. */
  rename?: (name: string) => string;
  /** The extraction dir as messages should name it (the container path, or the host path). */
  display: string;
}

const NODES = new Set(['file', 'contiguous-file', 'directory', 'symlink', 'link', 'character-device', 'block-device', 'fifo']);

export async function extractTar(input: Readable, dir: string, opts: ExtractOptions): Promise<void> {
  const state = new LayerState();
  const ctx: NodeContext = {
    fs: new LayerFs(dir, (rel) => state.remove(rel)), state,
    sameOwner: opts.owner !== 'none', allowDevices: process.getuid?.() === 0,
  };
  let failure: EngineError | undefined;
  let last: Promise<void> = Promise.resolve();
  const reader = createTarReader((entry, body, next) => {
    last = applyEntry(ctx, opts, entry, body).then(() => next(), (err) => {
      failure ??= toEngineError(err);
      next(failure);
    });
  });
  const { head, stream } = await peek(input, 2);
  const gunzip = head[0] === 0x1f && head[1] === 0x8b ? [createGunzip()] : [];
  try {
    await pipeline([stream, ...gunzip, reader]);
    await last;
  } catch (err) {
    await last;
    throw failure ?? toEngineError(err);
  }
  if (failure) throw failure;
  finalizeLayer(ctx.fs, state);
}

async function drain(e: TarEntry, body: EntryBody): Promise<void> {
  if (e.type === 'directory') return; // tar-stream streams no directory body
  for await (const _ of body) { /* discard */ }
}

async function applyEntry(ctx: NodeContext, opts: ExtractOptions, e0: TarEntry, body: EntryBody): Promise<void> {
  const e: TarEntry = { ...e0, name: opts.rename ? opts.rename(e0.name) : e0.name };
  if (e.type === 'link' && opts.rename) e.linkname = opts.rename(e.linkname);
  if (typeof opts.owner === 'object') Object.assign(e, opts.owner);
  const rel = cleanPath(e.name);
  const isFile = e.type === 'file' || e.type === 'contiguous-file';
  if (!isFile) await drain(e, body);
  if (rel === '') return; // "." names the extraction dir itself, which is kept as it is
  if (!NODES.has(e.type)) throw invalid(`unhandled tar header type ${JSON.stringify(e.type)} for ${JSON.stringify(e.name)}`);
  const shown = posix.join(opts.display, rel);
  checkExisting(ctx, opts, rel, e, shown);
  ctx.fs.ensureParents(rel, e.name);
  switch (e.type) {
    case 'file': case 'contiguous-file': return createFile(ctx, rel, e, body);
    case 'directory': return createDir(ctx, rel, e);
    case 'symlink': {
      const target = posix.normalize(posix.join(posix.dirname(rel), e.linkname));
      if (target === '..' || target.startsWith('../')) throw invalid(`invalid symlink ${JSON.stringify(shown)} -> ${JSON.stringify(e.linkname)}`);
      return createSymlink(ctx, rel, e);
    }
    case 'link': return createHardlink(ctx, rel, cleanPath(e.linkname, e.name, 'hardlink target'), e);
    default: return createSpecial(ctx, rel, e);
  }
}

/** go-archive's NoOverwriteDirNonDir checks, with its messages. */
function checkExisting(ctx: NodeContext, opts: ExtractOptions, rel: string, e: TarEntry, shown: string): void {
  if (!opts.noOverwriteDirNonDir || !ctx.fs.parentsAreDirs(rel, e.name)) return;
  const st = lstatSync(ctx.fs.abs(rel), { throwIfNoEntry: false });
  if (!st) return;
  if (st.isDirectory() && e.type !== 'directory') {
    throw invalid(`cannot overwrite directory ${JSON.stringify(shown)} with non-directory ${JSON.stringify(opts.display)}`);
  }
  if (!st.isDirectory() && e.type === 'directory') {
    throw invalid(`cannot overwrite non-directory ${JSON.stringify(shown)} with directory ${JSON.stringify(opts.display)}`);
  }
}

