/** What container lifecycle code needs: stores plus the runc adapter, bundled once per engine. */
import { join } from 'node:path';
import type { ImageStore } from '../image/image-store.js';
import { Runc } from '../runtime/runc/index.js';
import { packageRoot } from '../runtime/spec/index.js';
import type { ContainerStore } from './container-store.js';

export interface ContainerDeps {
  store: ContainerStore;
  images: ImageStore;
  runc: Runc;
  /** argv prefix of this berth for conmon's exit command (absolute paths: conmon execv's it). */
  berthCommand: string[];
}

export function makeDeps(store: ContainerStore, images: ImageStore): ContainerDeps {
  return {
    store, images,
    runc: new Runc({ root: store.paths.runcRoot }),
    berthCommand: [process.execPath, join(packageRoot(), 'bin', 'berth.js'), '--root', store.meta.root],
  };
}
