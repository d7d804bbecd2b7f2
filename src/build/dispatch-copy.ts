/**
 * COPY and ADD (moby's dispatchCopy/dispatchAdd + performCopy): sources are checksummed first,
 * the probe Cmd is `#(nop) COPY [--chown=x ]<file:|dir:|multi:sum> in <dest> `, and only on a
 * miss is the layer assembled — straight into a tar, no container, no mount.
 */
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { EngineError, invalid, isEngineError } from '../lib/errors.js';
import type { AddInstruction, CopyInstruction } from './dockerfile/index.js';
import { ensureImage } from './ensure-image.js';
import type { BuildCtx, StepRef } from './build-ctx.js';
import { nopCommentString } from './cache-key.js';
import { copyInfosFor, hashStringSlice, type CopyInfo } from './copy-sources.js';
import { copyInfo, type CopyTarget } from './copy-exec.js';
import { download, extractArchive, isArchive, isURL } from './add-source.js';
import { parseChmod, parseChown } from './chown.js';
import { DirTree } from './context-tree.js';
import { PendingLayer } from './pending-layer.js';
import { TreeHasher } from './source-hash.js';
import type { StageState } from './stage-state.js';
import { cachedStep } from './step-commit.js';
import { cleanRel, resolveInTree, resolveLinks, type Tree } from './tree.js';

type CopyLike = CopyInstruction | AddInstruction;

const notImplemented = (what: string) => new EngineError('NOT_IMPLEMENTED', `${what} is not supported by berth yet`);

/** The image a `--from` names: an earlier stage (name or index) or an image in the store. */
export async function fromImage(ctx: BuildCtx, state: StageState, from: string): Promise<string> {
  const wrap = (msg: string) => invalid(`invalid from flag value ${from}: ${msg}`);
  let index: number | undefined;
  if (/^[+-]?[0-9]+$/.test(from)) index = Number(from);
  else index = ctx.df.stages.find((s) => s.name === from.toLowerCase())?.index;
  if (index !== undefined) {
    if (index === state.index) throw wrap('refers to current build stage');
    const id = ctx.stageImages.get(index);
    if (id === undefined) throw wrap(index < 0 || index >= ctx.df.stages.length ? 'index out of bounds' : 'stage has not been built');
    return id;
  }
  try {
    return await ensureImage(ctx, from);
  } catch (err) {
    if (!isEngineError(err) || err.code === 'CANCELED') throw err;
    throw new EngineError(err.code, `invalid from flag value ${from}: no stage with this name, and ${err.message.replace(/^No such/, 'no such')}`, { cause: err });
  }
}

/** moby's normalizeDest: relative to WORKDIR, a trailing slash kept. */
function normalizeDest(workdir: string | undefined, dest: string): string {
  if (dest.startsWith('/')) return dest;
  const joined = '/' + cleanRel(`${workdir ?? ''}/${dest}`);
  return dest.endsWith('/') && joined !== '/' ? `${joined}/` : joined;
}

async function inlineSource(ctx: BuildCtx, name: string, data: string): Promise<CopyInfo> {
  const dir = await ctx.temp.path('heredoc');
  await fsp.mkdir(dir, { recursive: true });
  // the name becomes a file in our temp dir: never a path (`<<../../x` must not escape it)
  const base = name.split('/').filter(Boolean).pop() ?? '';
  const rel = base === '' || base === '.' || base === '..' ? 'heredoc' : base;
  await fsp.writeFile(join(dir, rel), data, { mode: 0o644 });
  await fsp.chmod(join(dir, rel), 0o644);
  const hasher = new TreeHasher(new DirTree(dir), { zeroOwner: true });
  return { hasher, path: rel, hash: `file:${hasher.hash(rel)}` };
}

async function urlSource(ctx: BuildCtx, url: string, dest: string, checksum?: string): Promise<CopyInfo> {
  const dl = await download(url, await ctx.temp.path('download'), checksum, ctx.signal);
  if (!dl.name && dest.endsWith('/')) throw invalid(`cannot determine filename for source ${url}`);
  const name = dl.name || '__unnamed__';
  const hasher = new TreeHasher(new DirTree(dl.dir), { zeroOwner: true });
  return { hasher, path: name, hash: `file:${hasher.hash(name)}`, noDecompress: true };
}

export async function dispatchCopy(ctx: BuildCtx, state: StageState, ref: StepRef, instr: CopyLike): Promise<void> {
  const name = instr.kind;
  if (instr.kind === 'COPY' && instr.parents) throw notImplemented('COPY --parents');
  if (instr.excludes.length) throw notImplemented(`${name} --exclude`);
  if (instr.kind === 'ADD' && instr.keepGitDir !== undefined) throw notImplemented('ADD --keep-git-dir');
  const fromId = instr.kind === 'COPY' && instr.from !== undefined ? await fromImage(ctx, state, instr.from) : undefined;
  const hasher = fromId !== undefined ? await ctx.imageHasher(fromId) : await ctx.contextHasher();
  const infos: CopyInfo[] = [];
  const collected = new Map<string, string>();
  hasher.collector = collected;
  try {
    for (const src of instr.sources) {
      if (isURL(src)) {
        if (instr.kind === 'COPY') throw invalid("source can't be a URL for COPY");
        const info = await urlSource(ctx, src, instr.dest, instr.checksum);
        collected.set(src, info.hash);
        infos.push(info);
      } else {
        infos.push(...copyInfosFor(hasher, src, { origin: fromId !== undefined ? 'image' : 'context' }));
      }
    }
    for (const doc of instr.inline) {
      const info = await inlineSource(ctx, doc.name, doc.data);
      collected.set(`<<${doc.name}`, info.hash);
      infos.push(info);
    }
  } catch (err) {
    // moby's createCopyInstruction wraps these as "COPY failed: …", text that names the path
    if (!isEngineError(err) || err.code === 'CANCELED') throw err;
    throw new EngineError(err.code, `${name} failed: ${err.message}`, { cause: err, detail: { ...err.detail, verbatim: true } });
  } finally {
    hasher.collector = undefined;
  }
  if (infos.length === 0) throw invalid(`${name} failed: no source files were specified`);
  if (infos.length > 1 && !instr.dest.endsWith('/')) {
    throw invalid(`When using ${name} with more than one source file, the destination must be a directory and end with a /`);
  }
  const srcHash = infos.length === 1 ? infos[0]!.hash : hashStringSlice('multi', infos.map((i) => i.hash));
  const comment = `${name} ${instr.chown ? `--chown=${instr.chown} ` : ''}${srcHash} in ${instr.dest} `;
  const probe = { ...structuredClone(state.config), Cmd: nopCommentString(state.config, comment) };
  await cachedStep(ctx, state, ref, probe, { kind: name, source: instr.source, files: collected }, async () => {
    const layer = new PendingLayer(await ctx.tree(state.imageId));
    const target: CopyTarget = {
      layer, dest: normalizeDest(state.config.WorkingDir, instr.dest), destPath: '',
      owner: instr.chown ? parseChown(layer, instr.chown) : fromId !== undefined ? undefined : { uid: 0, gid: 0 },
      ...(instr.chmod ? { chmod: parseChmod(instr.chmod) } : {}),
    };
    target.destPath = resolveLinks(layer, target.dest);
    for (const info of infos) copyInfo(target, info, await extracted(ctx, instr, info));
    return { tar: layer.empty ? undefined : layer.tar() };
  });
}

/** ADD of a local archive: its contents, extracted into build temp space. */
async function extracted(ctx: BuildCtx, instr: CopyLike, info: CopyInfo): Promise<Tree | undefined> {
  if (instr.kind !== 'ADD' || info.noDecompress || instr.unpack === false) return undefined;
  const node = info.hasher.tree.lookup(resolveInTree(info.hasher.tree, info.path));
  if (!node || !isArchive(node)) return undefined;
  const dir = await ctx.temp.path('extract');
  await extractArchive(node, dir, ctx.signal);
  return new DirTree(dir);
}

/** WORKDIR: the path becomes the working directory and is created (0755, root) when missing. */
export async function dispatchWorkdir(ctx: BuildCtx, state: StageState, ref: StepRef, path: string, source: string): Promise<void> {
  if (path === '') throw invalid('cannot normalize nothing');
  const wd = path.startsWith('/') ? '/' + cleanRel(path) : '/' + cleanRel(`${state.config.WorkingDir ?? ''}/${path}`);
  state.config.WorkingDir = wd;
  const probe = { ...structuredClone(state.config), Cmd: nopCommentString(state.config, `WORKDIR ${wd}`) };
  await cachedStep(ctx, state, ref, probe, { kind: 'WORKDIR', source }, async () => {
    const layer = new PendingLayer(await ctx.tree(state.imageId));
    const resolved = resolveLinks(layer, wd);
    if (layer.kind(resolved) === 'other') throw invalid(`Cannot mkdir: ${wd} is not a directory`);
    layer.ensureDirs(resolved, { uid: 0, gid: 0 });
    return { tar: layer.empty ? undefined : layer.tar() };
  });
}
