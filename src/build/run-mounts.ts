/**
 * `RUN --mount` (BuildKit's run mounts) for the RUN step's container. Planning happens before the
 * cache probe and yields what goes into the cache key: every mount's options, and for a bind of
 * the context the checksum of what it binds (the same tarsum COPY uses, so a changed file misses
 * and the miss names it); a bind `from=` a stage or image is keyed by that image's ID. Only on a
 * miss are the host sides made: cache directories (cache-mounts.ts), and for binds either the
 * context path itself (read-only) or an overlay whose upper dir is build temp space (a `rw` bind,
 * and every bind of an image), so writes are discarded. Everything is released after the step.
 */
import { promises as fsp, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { EngineError, invalid } from '../lib/errors.js';
import { mknodChar, mount, umount, MNT_DETACH } from '../lib/native.js';
import type { MountSpec } from '../types/container.js';
import type { RunMount } from './dockerfile/index.js';
import type { BuildCtx } from './build-ctx.js';
import { acquireCacheMount } from './cache-mounts.js';
import { fromImage } from './dispatch-copy.js';
import type { StageState } from './stage-state.js';
import { cleanRel, resolveInTree, type Tree } from './tree.js';

export interface PlannedMounts {
  /** Cache-key parts, one per mount (empty when the RUN has none). */
  key: string[];
  /** name → checksum of the context files bound (for miss explanations). */
  files: Map<string, string>;
  /** Make the host sides; `release` undoes everything (also after a failure). */
  materialize(): Promise<{ specs: MountSpec[]; release: () => Promise<void> }>;
}

type Maker = (held: Array<() => Promise<void>>) => Promise<MountSpec>;

/** BuildKit: a relative target is under the stage's WORKDIR. */
const targetOf = (state: StageState, m: RunMount): string => {
  if (!m.target) throw invalid('mount target is required');
  return m.target.startsWith('/') ? '/' + cleanRel(m.target) : '/' + cleanRel(`${state.config.WorkingDir ?? ''}/${m.target}`);
};

export async function planMounts(ctx: BuildCtx, state: StageState, mounts: RunMount[]): Promise<PlannedMounts> {
  const key: string[] = [];
  const files = new Map<string, string>();
  const makers: Maker[] = [];
  for (const m of mounts) {
    if (m.type === 'secret' || m.type === 'ssh') {
      throw new EngineError('NOT_IMPLEMENTED', `RUN --mount=type=${m.type} is not supported by berth yet`);
    }
    const target = targetOf(state, m);
    if (m.type === 'tmpfs') {
      key.push(JSON.stringify({ type: 'tmpfs', target, size: m.sizeLimit ?? 0 }));
      makers.push(async () => ({ Type: 'tmpfs', Target: target, TmpfsOptions: m.sizeLimit ? { SizeBytes: m.sizeLimit } : {} }));
    } else if (m.type === 'cache') {
      const opts = { id: m.cacheId || target, sharing: m.sharing ?? 'shared', mode: m.mode ?? 0o755, uid: m.uid ?? 0, gid: m.gid ?? 0 };
      key.push(JSON.stringify({ type: 'cache', target, ...opts, ro: m.readOnly, from: m.from ?? '', source: m.source ?? '' }));
      if (m.from) throw new EngineError('NOT_IMPLEMENTED', 'RUN --mount=type=cache with from= is not supported by berth yet');
      makers.push(async (held) => {
        const c = await acquireCacheMount(ctx.deps.store.meta.root, opts, () => ctx.temp.path('cache-mount'), ctx.signal);
        held.push(c.release);
        return { Type: 'bind', Source: c.path, Target: target, ReadOnly: m.readOnly };
      });
    } else {
      makers.push(m.from !== undefined ? await bindImage(ctx, state, m, target, key) : await bindContext(ctx, m, target, key, files));
    }
  }
  return {
    key, files,
    async materialize() {
      const held: Array<() => Promise<void>> = [];
      const release = async () => { for (const r of held.reverse()) await r().catch(() => undefined); };
      try {
        const specs: MountSpec[] = [];
        for (const make of makers) specs.push(await make(held));
        return { specs, release };
      } catch (err) {
        await release();
        throw err;
      }
    },
  };
}

/** A bind of the build context (or part of it): keyed by the checksum of what it binds. */
async function bindContext(ctx: BuildCtx, m: RunMount, target: string, key: string[], files: Map<string, string>): Promise<Maker> {
  const hasher = await ctx.contextHasher();
  const tree = hasher.tree as typeof hasher.tree & { root?: string };
  const rel = resolveInTree(tree, cleanRel(m.source ?? ''));
  const node = rel === '' ? undefined : tree.lookup(rel);
  if (rel !== '' && !node) throw invalid(`failed to compute cache key: "/${rel}" not found in the build context`);
  if (tree.root === undefined) throw invalid('RUN --mount=type=bind needs a build context');
  const isDir = rel === '' || node!.st.isDirectory();
  hasher.collector = files;
  let sum: string;
  try { sum = hasher.sourceHash(rel, rel, isDir); } finally { hasher.collector = undefined; }
  key.push(JSON.stringify({ type: 'bind', target, source: rel, rw: !m.readOnly, sum }));
  const abs = rel === '' ? tree.root : node!.abs;
  return async (held) => {
    // the context as BuildKit sends it: what .dockerignore excludes is hidden by whiteouts
    const hidden = isDir ? excludedUnder(tree, rel, abs) : [];
    if (m.readOnly && hidden.length === 0) return { Type: 'bind', Source: abs, Target: target, ReadOnly: true };
    // rw: the RUN may write, but the context must not change and the writes are dropped
    if (isDir) return { Type: 'bind', Source: await overlayOf(ctx, [abs], held, hidden), Target: target, ReadOnly: m.readOnly };
    const copy = join(await ctx.temp.path('bind-file'), 'file');
    await fsp.mkdir(join(copy, '..'), { recursive: true });
    await fsp.copyFile(abs, copy);
    return { Type: 'bind', Source: copy, Target: target, ReadOnly: false };
  };
}

/** Host entries under context dir `rel` that the context tree left out (paths relative to `rel`). */
function excludedUnder(tree: Tree, rel: string, abs: string): string[] {
  const out: string[] = [];
  const visit = (r: string, a: string, sub: string) => {
    const kept = new Set(tree.children(r));
    for (const name of readdirSync(a)) {
      const s = sub ? `${sub}/${name}` : name;
      if (!kept.has(name)) { out.push(s); continue; }
      const child = r ? `${r}/${name}` : name;
      if (tree.lookup(child)?.st.isDirectory()) visit(child, `${a}/${name}`, s);
    }
  };
  visit(rel, abs, '');
  return out;
}

/** A bind `from=` a stage or an image: its merged tree through an overlay with a throw-away upper. */
async function bindImage(ctx: BuildCtx, state: StageState, m: RunMount, target: string, key: string[]): Promise<Maker> {
  const id = await fromImage(ctx, state, m.from!);
  const rel = id ? resolveInTree(await ctx.tree(id), cleanRel(m.source ?? '')) : '';
  key.push(JSON.stringify({ type: 'bind', target, from: id, source: rel, rw: !m.readOnly }));
  return async (held) => {
    const { config } = id ? await ctx.image(id) : { config: undefined };
    const images = ctx.deps.images;
    const lowers = config ? images.chainOf(config).reverse().map((c) => images.snapshots.fsPath(c)) : [];
    const merged = await overlayOf(ctx, lowers, held);
    const src = rel ? join(merged, rel) : merged;
    await fsp.lstat(src).catch(() => { throw invalid(`failed to mount from ${m.from}: "/${rel}" not found`); });
    return { Type: 'bind', Source: src, Target: target, ReadOnly: m.readOnly };
  };
}

async function overlayOf(ctx: BuildCtx, lowers: string[], held: Array<() => Promise<void>>, hidden: string[] = []): Promise<string> {
  const dir = await ctx.temp.path('bind');
  const [merged, upper, work, empty] = ['merged', 'upper', 'work', 'empty'].map((d) => join(dir, d)) as [string, string, string, string];
  await Promise.all([merged, upper, work, empty].map((d) => fsp.mkdir(d, { recursive: true, mode: 0o755 })));
  for (const h of hidden) {
    // parents copied up with the lower's attributes (an upper dir's own mode/owner is what shows)
    const parts = h.split('/');
    for (let i = 1; i < parts.length; i++) {
      const sub = parts.slice(0, i).join('/');
      const st = await fsp.lstat(join(lowers[0]!, sub));
      if (await fsp.mkdir(join(upper, sub), { mode: st.mode & 0o7777 }).then(() => true, () => false)) {
        await fsp.chown(join(upper, sub), st.uid, st.gid);
        await fsp.chmod(join(upper, sub), st.mode & 0o7777);
      }
    }
    mknodChar(join(upper, h), 0, 0, 0);
  }
  const data = `lowerdir=${(lowers.length ? lowers : [empty]).join(':')},upperdir=${upper},workdir=${work},index=off`;
  mount('overlay', merged, 'overlay', 0, data);
  held.push(async () => {
    try { umount(merged, MNT_DETACH); } catch { /* already gone */ }
    await fsp.rm(dir, { recursive: true, force: true });
  });
  return merged;
}
