/**
 * Composition root: the only place concrete stores and services are chosen. Builds the
 * in-process engine on a state root (default /var/lib/berth).
 */
import { promises as fsp } from 'node:fs';
import { FsContentStore } from '../store/content/fs-content-store.js';
import { MetaStore } from '../store/metadata/meta-store.js';
import { Snapshotter } from '../store/snapshot/snapshotter.js';
import { EventsLog } from '../store/events/events-log.js';
import { ImageStore } from '../image/image-store.js';
import { LocalEngine } from './local-engine.js';
import type { Engine } from './engine.js';

export interface CreateEngineOptions {
  root: string;
  logLevel?: string;
}

export async function createEngine(opts: CreateEngineOptions): Promise<Engine> {
  const root = opts.root;
  // state directories are private to root, as docker's /var/lib/docker
  await fsp.mkdir(root, { recursive: true, mode: 0o700 });
  const images = new ImageStore({
    content: new FsContentStore(root),
    meta: new MetaStore(root),
    snapshots: new Snapshotter(root),
    events: new EventsLog(root),
  });
  // the container domain loads on first use: image verbs never parse the runtime, network or volume code
  const containers = async () => {
    const { ContainerStore, makeDeps } = await import('./container-ops.js');
    return makeDeps(new ContainerStore(images.meta, images.events), images);
  };
  return new LocalEngine({ root, images, containers });
}
