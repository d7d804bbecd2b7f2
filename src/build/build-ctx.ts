/**
 * What every step of one build shares: the stores, options, event sink, cache records, temp
 * space, the context, and memoised image configs. Temp space lives under <root>/build/tmp/
 * <pid>-<random> so a later build can remove what a killed one left.
 */
import { promises as fsp } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { ContainerDeps } from '../container/runtime-deps.js';
import type { ImageConfig, Manifest } from '../oci/types.js';
import type { Dockerfile, EscapeToken } from './dockerfile/index.js';
import type { TreeHasher } from './source-hash.js';
import type { BuildEvent, BuildHooks, BuildOptions, StepRef } from './types.js';
import type { CacheStore } from './cache-store.js';
import type { BuildContext } from './context-source.js';
import { ImageTree } from './image-tree.js';

export type { StepRef };

export interface ImageInfo {
  id: string;
  config: ImageConfig;
  manifest: Manifest;
}

export class BuildTemp {
  private dir?: string;
  private n = 0;

  constructor(private readonly root: string) {}

  static base(root: string): string { return join(root, 'build', 'tmp'); }

  /** A fresh directory (not created) under this build's temp dir. */
  async path(label: string): Promise<string> {
    if (!this.dir) {
      this.dir = join(BuildTemp.base(this.root), `${process.pid}-${randomBytes(6).toString('hex')}`);
      await fsp.mkdir(this.dir, { recursive: true, mode: 0o700 });
    }
    return join(this.dir, `${++this.n}-${label}`);
  }

  async cleanup(): Promise<void> {
    if (this.dir) await fsp.rm(this.dir, { recursive: true, force: true });
  }
}

export interface BuildCtx {
  deps: ContainerDeps;
  opts: BuildOptions;
  hooks: BuildHooks;
  signal: AbortSignal;
  emit(e: BuildEvent): void;
  cache: CacheStore;
  temp: BuildTemp;
  context: BuildContext;
  escape: EscapeToken;
  df: Dockerfile;
  /** Checksums of context files (one hasher per build, backed by the stat cache). */
  contextHasher(): Promise<TreeHasher>;
  /** Checksums of an image's files (COPY --from). */
  imageHasher(id: string): Promise<TreeHasher>;
  /** The Dockerfile's name in messages. */
  file: string;
  /** "linux/amd64": part of every cache key. */
  platform: string;
  /** Images committed by this build (a step on one of them cannot hit the cache). */
  created: Set<string>;
  /** Final image of each stage built so far, by index. */
  stageImages: Map<number, string>;
  warnings: string[];
  image(id: string): Promise<ImageInfo>;
  /** The merged root filesystem of an image ('' = scratch). */
  tree(id: string): Promise<ImageTree>;
  /** Remember a config this build wrote, so it is not read back. */
  remember(info: ImageInfo): void;
}

/** Memoised image reads for one build. */
export function imageReader(deps: ContainerDeps): Pick<BuildCtx, 'image' | 'tree' | 'remember'> {
  const infos = new Map<string, Promise<ImageInfo>>();
  const image = (id: string) => {
    let p = infos.get(id);
    if (!p) {
      p = (async () => {
        const rec = await deps.images.meta.images.get(id.replace(/^sha256:/, ''));
        if (!rec) throw new Error(`image ${id} disappeared during the build`);
        const [config, manifest] = await Promise.all([deps.images.readConfig(rec), deps.images.readManifest(rec)]);
        return { id, config, manifest };
      })();
      infos.set(id, p);
    }
    return p;
  };
  return {
    image,
    async tree(id) {
      if (!id) return new ImageTree([]);
      const { config } = await image(id);
      return new ImageTree(deps.images.chainOf(config).reverse().map((c) => deps.images.snapshots.fsPath(c)));
    },
    remember(info) { infos.set(info.id, Promise.resolve(info)); },
  };
}
