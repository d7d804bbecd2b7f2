/** The embedded engine: the Engine interface over the local state root. */
import type { Readable } from 'node:stream';
import type { Engine } from './engine.js';
import type {
  DiskUsage, EngineEvent, EngineVersion, EventsOptions, ImageDeleteItem, ImageHistoryItem, ImageInspect,
  ImageListOptions, ImagePruneResult, ImageSummary, ImportOptions, LoadResult, SystemInfo,
} from './types.js';
import type { ImageStore } from '../image/image-store.js';
import { listImages } from '../image/list.js';
import { imageHistory, inspectImage } from '../image/inspect.js';
import { pruneImages, removeImage } from '../image/remove.js';
import { importImage } from '../image/import.js';
import { loadArchive, saveArchive } from '../image/archive/index.js';
import { resolveImage } from '../image/resolve.js';
import { busyboxRootfs, DEMO_CHANGES } from '../image/demo.js';
import { queryEvents } from '../store/events/query.js';
import { systemInfo, systemVersion } from './system.js';

export interface LocalEngineDeps {
  root: string;
  images: ImageStore;
}

export class LocalEngine implements Engine {
  readonly description: string;

  constructor(private readonly deps: LocalEngineDeps) {
    this.description = `embedded ${deps.root}`;
  }

  private get images() { return this.deps.images; }

  listImages(opts?: ImageListOptions): Promise<ImageSummary[]> { return listImages(this.images, opts); }
  inspectImage(ref: string): Promise<ImageInspect> { return inspectImage(this.images, ref); }
  imageHistory(ref: string): Promise<ImageHistoryItem[]> { return imageHistory(this.images, ref); }

  async tagImage(source: string, target: string): Promise<void> {
    await this.images.meta.lock(async () => {
      const { record } = await resolveImage(this.images.meta, source);
      await this.images.setTag(target, record.id);
    });
  }

  removeImage(ref: string, opts?: { force?: boolean; noPrune?: boolean }): Promise<ImageDeleteItem[]> {
    return removeImage(this.images, ref, opts);
  }

  pruneImages(opts?: { all?: boolean; filters?: Record<string, string[]> }): Promise<ImagePruneResult> {
    return pruneImages(this.images, opts);
  }

  importImage(tar: Readable, opts?: ImportOptions): Promise<string> { return importImage(this.images, tar, opts); }
  loadImages(tar: Readable, opts?: { signal?: AbortSignal }): Promise<LoadResult> { return loadArchive(this.images, tar, opts); }
  saveImages(refs: string[], out: NodeJS.WritableStream): Promise<void> { return saveArchive(this.images, refs, out); }

  createDemoImage(reference: string): Promise<string> {
    return importImage(this.images, busyboxRootfs(), { reference, changes: DEMO_CHANGES, message: "berth demo image from Debian's busybox-static" });
  }

  info(): Promise<SystemInfo> { return systemInfo(this.deps.root, this.images); }
  version(): Promise<EngineVersion> { return systemVersion(); }

  async diskUsage(): Promise<DiskUsage> {
    const images = await listImages(this.images, { all: true }, new Set());
    const snaps = await this.images.snapshots.list();
    return { LayersSize: snaps.reduce((n, s) => n + s.size, 0), Images: images, Containers: [], Volumes: [], BuildCache: [] };
  }

  events(opts: EventsOptions & { follow?: boolean; signal?: AbortSignal }): AsyncIterable<EngineEvent> {
    return queryEvents(this.images.events, opts);
  }

  async close(): Promise<void> { /* nothing resident: every record is on disk */ }
}
