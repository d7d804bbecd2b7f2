/** The embedded engine: the Engine interface over the local state root. */
import type { NetworkResource } from '../types/network.js';
import type { Readable } from 'node:stream';
import type { Engine } from './engine.js';
import type {
  DiskUsage, EngineEvent, EngineVersion, EventsOptions, ImageDeleteItem, ImageHistoryItem, ImageInspect,
  ImageListOptions, ImagePruneResult, ImageSummary, ImportOptions, LoadResult, SystemInfo,
} from './types.js';
import type { ImageStore } from '../image/image-store.js';
import { listImages } from '../image/list.js';
import { imageHistory, inspectImage } from '../image/inspect.js';
import type { ImageLayerAnalysis } from '../types/layer-analysis.js';
import { pruneImages, removeImage } from '../image/remove.js';
import { resolveImage } from '../image/resolve.js';
import { queryEvents } from '../store/events/query.js';
import { systemInfo, systemVersion } from './system.js';
import type { ImageUsers } from '../image/remove.js';
import type { ContainerDeps } from '../container/runtime-deps.js';
import type { VolumeOpsDeps } from '../volumes/index.js';
import type { AttachHandle, AttachStreams, ContainerCreateRequest, ContainerListOptions, LogsOptions, WaitCondition } from './types.js';
import type { ContainerStatsOptions, ContainerUpdateRequest } from './types.js';
import type { ExecCreateRequest, ExecStartOptions } from './types.js';
import type { ArchivePutOptions, CommitOptions } from './types.js';
import type { SystemCheckOptions, SystemCheckResult } from './check/index.js';
import type { BuildCachePruneOptions, BuildHandle, BuildOptions } from '../build/index.js';
import { familiarString, formatReference, parseCanonical, parseReference } from '../oci/reference.js';
import type { SystemResetResult, Volume, VolumeCreateRequest, VolumeListResponse, VolumePruneReport } from './types.js';
import type { PullOptions, PushOptions } from '../types/registry.js';
import type { BuildEvent } from '../build/index.js';
import { distributionRoots } from '../image/distribution-meta.js';

// Heavy services load on first use (dynamic import → their own esbuild chunks), so the simple
// verbs (images, inspect, ps, create) never parse the registry client, the builder, tar/zlib/
// https, archive save/load or layer analysis at start-up (bench/: start-up dominates them).
const ops = () => import('./lazy-ops.js');
// The container domain (runtime spec, conmon/runc, network, volumes) is a chunk of its own too:
// the image verbs (images, inspect, history, tag, rmi) never load it.
const containerOps = () => import('./container-ops.js');
type ContainerOps = typeof import('./container-ops.js');
const credentials = async () => {
  const flow = await import('./lazy-registry.js');
  return { store: new flow.CredentialStore(flow.dockerConfigDir()), flow };
};

export interface LocalEngineDeps {
  root: string;
  images: ImageStore;
  /** Built on first use (see containerOps). */
  containers: () => Promise<ContainerDeps>;
}

export class LocalEngine implements Engine {
  readonly description: string;

  constructor(private readonly deps: LocalEngineDeps) {
    this.description = `embedded ${deps.root}`;
  }

  private get images() { return this.deps.images; }
  private ctrDeps?: Promise<ContainerDeps>;
  private ctr(): Promise<ContainerDeps> { return (this.ctrDeps ??= this.deps.containers()); }
  /** The container functions and their deps, both loaded on first use. */
  private c(): Promise<[ContainerOps, ContainerDeps]> { return Promise.all([containerOps(), this.ctr()]); }

  /** Containers keep their images: rmi conflicts and GC roots come from their records. */
  private get users(): ImageUsers {
    return {
      usersOf: async (imageId) => (await (await this.ctr()).store.records.list()).filter((r) => r.Image === imageId)
        .map((r) => ({ id: r.Id, running: r.State.Running })),
      roots: [async () => ({ blobs: [], snapshots: (await (await this.ctr()).store.records.list()).flatMap((r) => r.berth.chain) }), () => distributionRoots(this.images)],
    };
  }

  /** docker shows a container's image as the name it was created with while that still points at it. */
  private async imageNamer(): Promise<(id: string, typed?: string) => string> {
    const tags = await this.images.meta.readTags();
    return (id, typed) => {
      if (typed) {
        try {
          if (tags[formatReference(parseReference(typed))] === id) return typed;
        } catch { /* an ID prefix */ }
      }
      const tag = Object.entries(tags).find(([, v]) => v === id)?.[0];
      return tag ? familiarString(parseCanonical(tag)) : id.slice(7, 19);
    };
  }

  async createContainer(req: ContainerCreateRequest) { const [o, d] = await this.c(); return o.createContainer(d.store, this.images, req); }
  async startContainer(ref: string, opts?: { attach?: AttachStreams }) {
    const [o, d] = await this.c();
    const r = await o.startContainer(d, ref, opts);
    return { attach: r.attach, alreadyRunning: r.alreadyRunning };
  }
  async attachContainer(ref: string, streams: AttachStreams): Promise<AttachHandle> { const [o, d] = await this.c(); return o.attachContainer(d, ref, streams); }
  async stopContainer(ref: string, opts?: { timeout?: number; signal?: string }) { const [o, d] = await this.c(); return o.stopContainer(d, ref, opts); }
  async restartContainer(ref: string, opts?: { timeout?: number; signal?: string }) {
    const [o, d] = await this.c();
    await o.stopContainer(d, ref, opts);
    await o.startContainer(d, ref);
  }
  async killContainer(ref: string, signal?: string) { const [o, d] = await this.c(); await o.killContainer(d, ref, signal); }
  async pauseContainer(ref: string) { const [o, d] = await this.c(); return o.pauseContainer(d, ref); }
  async unpauseContainer(ref: string) { const [o, d] = await this.c(); return o.unpauseContainer(d, ref); }
  async removeContainer(ref: string, opts?: { force?: boolean; volumes?: boolean }) { const [o, d] = await this.c(); await o.removeContainer(d, ref, opts); }
  async listContainers(opts: ContainerListOptions = {}) { const [o, d] = await this.c(); return o.listContainers(d, opts, await this.imageNamer()); }
  async inspectContainer(ref: string) { const [o, d] = await this.c(); return o.inspectContainer(d, ref); }
  async *containerLogs(ref: string, opts: LogsOptions) { const [o, d] = await this.c(); yield* o.containerLogs(d, ref, opts); }
  async waitContainer(ref: string, condition?: WaitCondition, signal?: AbortSignal) { const [o, d] = await this.c(); return o.waitContainer(d, ref, condition, signal); }
  async resizeContainer(ref: string, rows: number, cols: number) { const [o, d] = await this.c(); return o.resizeContainer(d, ref, rows, cols); }
  async renameContainer(ref: string, name: string) { const [o, d] = await this.c(); return o.renameContainer(d, ref, name); }
  async pruneContainers(opts?: { filters?: Record<string, string[]> }) { const [o, d] = await this.c(); return o.pruneContainers(d, opts?.filters); }
  async cleanupContainer(id: string) { const [o, d] = await this.c(); return o.cleanupContainer(d, id); }
  async healthcheckRun(ref: string) { return (await ops()).runHealthcheck(await this.ctr(), ref); }
  async bootContainers() { return (await ops()).bootContainers(await this.ctr()); }
  async containerTop(ref: string, psArgs?: string) { return (await ops()).containerTop(await this.ctr(), ref, psArgs); }
  async *containerStats(ref: string, opts?: ContainerStatsOptions) { yield* (await ops()).containerStats(await this.ctr(), ref, opts); }
  async updateContainer(ref: string, update: ContainerUpdateRequest) { return (await ops()).updateContainer(await this.ctr(), ref, update); }
  async execCreate(ref: string, config: ExecCreateRequest) { return (await ops()).execCreate(await this.ctr(), ref, config); }
  async execStart(execId: string, opts?: ExecStartOptions) { return (await ops()).execStart(await this.ctr(), execId, opts); }
  async execResize(execId: string, rows: number, cols: number) { return (await ops()).execResize(await this.ctr(), execId, rows, cols); }
  async execInspect(execId: string) { return (await ops()).execInspect(await this.ctr(), execId); }
  async cleanupExec(execId: string) { return (await ops()).cleanupExec(await this.ctr(), execId); }
  async archiveStat(ref: string, path: string) { return (await ops()).archiveStat(await this.ctr(), ref, path); }
  async archiveGet(ref: string, path: string) { return (await ops()).archiveGet(await this.ctr(), ref, path); }
  async archivePut(ref: string, path: string, tar: Readable, opts?: ArchivePutOptions) { return (await ops()).archivePut(await this.ctr(), ref, path, tar, opts); }
  async containerChanges(ref: string) { return (await ops()).containerChanges(await this.ctr(), ref); }
  async exportContainer(ref: string, out: NodeJS.WritableStream, signal?: AbortSignal) { return (await ops()).exportContainer(await this.ctr(), ref, out, signal); }
  async commitContainer(ref: string, opts?: CommitOptions) { return (await ops()).commitContainer(await this.ctr(), ref, opts); }

  listImages(opts?: ImageListOptions): Promise<ImageSummary[]> { return listImages(this.images, opts); }
  inspectImage(ref: string): Promise<ImageInspect> { return inspectImage(this.images, ref); }
  imageHistory(ref: string): Promise<ImageHistoryItem[]> { return imageHistory(this.images, ref); }
  async imageLayers(ref: string): Promise<ImageLayerAnalysis> { return (await ops()).imageLayers(this.images, ref); }

  async tagImage(source: string, target: string): Promise<void> {
    await this.images.meta.lock(async () => {
      const { record } = await resolveImage(this.images.meta, source);
      await this.images.setTag(target, record.id);
    });
  }

  removeImage(ref: string, opts?: { force?: boolean; noPrune?: boolean }): Promise<ImageDeleteItem[]> {
    return removeImage(this.images, ref, opts, this.users);
  }

  pruneImages(opts?: { all?: boolean; filters?: Record<string, string[]> }): Promise<ImagePruneResult> {
    return pruneImages(this.images, opts, this.users);
  }

  async importImage(tar: Readable, opts?: ImportOptions): Promise<string> { return (await ops()).importImage(this.images, tar, opts); }
  async loadImages(tar: Readable, opts?: { signal?: AbortSignal }): Promise<LoadResult> { return (await ops()).loadArchive(this.images, tar, opts); }
  async saveImages(refs: string[], out: NodeJS.WritableStream): Promise<void> { return (await ops()).saveArchive(this.images, refs, out); }

  async createDemoImage(reference: string): Promise<string> {
    const { importImage, busyboxRootfs, DEMO_CHANGES } = await ops();
    return importImage(this.images, busyboxRootfs(), { reference, changes: DEMO_CHANGES, message: "berth demo image from Debian's busybox-static" });
  }

  async info(): Promise<SystemInfo> {
    const states = (await this.listContainers({ all: true })).map((c) => c.State);
    const count = (pred: (s: string) => boolean) => states.filter(pred).length;
    return systemInfo(this.deps.root, this.images, {
      running: count((s) => s === 'running' || s === 'restarting'), paused: count((s) => s === 'paused'),
      stopped: count((s) => s !== 'running' && s !== 'restarting' && s !== 'paused'),
    });
  }
  version(): Promise<EngineVersion> { return systemVersion(); }

  /** Volumes: the local driver over this root; references come from container records. */
  private async volumes(): Promise<[ContainerOps, VolumeOpsDeps]> {
    const [o, d] = await this.c();
    return [o, { store: o.volumeStoreOf(d.store), refs: o.volumeRefs(d.store) }];
  }
  async createVolume(req: VolumeCreateRequest): Promise<Volume> { const [, v] = await this.volumes(); return v.store.toApi((await v.store.create(req)).volume); }
  async listVolumes(opts?: { filters?: Record<string, string[]> }): Promise<VolumeListResponse> { const [o, v] = await this.volumes(); return o.listVolumes(v, opts?.filters); }
  async inspectVolume(name: string): Promise<Volume> { const [o, v] = await this.volumes(); return o.inspectVolume(v, name); }
  async removeVolume(name: string, opts?: { force?: boolean }): Promise<void> { const [o, v] = await this.volumes(); return o.removeVolume(v, name, opts); }
  async pruneVolumes(opts?: { filters?: Record<string, string[]> }): Promise<VolumePruneReport> { const [o, v] = await this.volumes(); return o.pruneVolumes(v, opts?.filters); }
  async resetSystem(): Promise<SystemResetResult> { return (await ops()).resetSystem(this.deps.root, await this.ctr()); }
  async systemCheck(opts: SystemCheckOptions): Promise<SystemCheckResult> {
    return (await ops()).systemCheck(this.deps.root, this.images, await this.ctr(), this.users.roots, opts);
  }

  async listNetworks(opts?: { filters?: Record<string, string[]> }): Promise<NetworkResource[]> { return (await containerOps()).listNetworks(opts?.filters); }
  async inspectNetwork(ref: string): Promise<NetworkResource> {
    const containers = await this.listContainers({});
    return (await containerOps()).inspectNetwork(ref, containers);
  }

  async diskUsage(): Promise<DiskUsage> {
    const containers = await this.listContainers({ all: true, size: true });
    const images = await listImages(this.images, { all: true }, new Set(containers.map((c) => c.ImageID)));
    const snaps = await this.images.snapshots.list();
    const { buildCacheUsage } = await import('./lazy-build.js');
    const BuildCache = await buildCacheUsage(this.images, { inUse: async () => new Set(containers.map((c) => c.ImageID)) });
    return { LayersSize: snaps.reduce((n, s) => n + s.size, 0), Images: images, Containers: containers, Volumes: await (await containerOps()).volumesUsage((await this.volumes())[1]), BuildCache };
  }

  /** Builds pull missing base images through the registry client, reporting docker's status lines. */
  build(opts: BuildOptions): BuildHandle {
    // Synchronous by contract: the builder's own handle arrives after its chunk is imported.
    const inner = Promise.all([import('./lazy-build.js'), this.ctr()]).then(([{ build }, ctr]) => build(ctr, opts, {
      pull: async (ref, { signal, onStatus }) => (await this.pullImage(ref, {
        signal, onProgress: (e) => { if (!e.layer) onStatus(e.id ? `${e.id}: ${e.status}` : e.status); },
      })).id,
    }));
    async function* events(): AsyncGenerator<BuildEvent> { yield* (await inner).events; }
    return { events: events(), result: inner.then((h) => h.result) };
  }

  /** Also removes what killed builds left (their intermediate containers, temp dirs). */
  async pruneBuildCache(opts?: BuildCachePruneOptions) {
    const ctr = await this.ctr();
    const { cleanupStale, pruneBuildCache } = await import('./lazy-build.js');
    await cleanupStale(ctr);
    return pruneBuildCache(this.images, { inUse: async () => new Set((await ctr.store.records.list()).map((r) => r.Image)), roots: this.users.roots }, opts);
  }

  events(opts: EventsOptions & { follow?: boolean; signal?: AbortSignal }): AsyncIterable<EngineEvent> {
    return queryEvents(this.images.events, opts);
  }

  /** Registry settings come from <root>/config.json; credentials from docker's config (read per call). */
  async pullImage(ref: string, opts?: PullOptions) {
    const { pullImage, registryDeps } = await import('./lazy-registry.js');
    return pullImage(await registryDeps(this.images, this.deps.root), ref, opts);
  }
  async pushImage(ref: string, opts?: PushOptions) {
    const { pushImage, registryDeps } = await import('./lazy-registry.js');
    return pushImage(await registryDeps(this.images, this.deps.root), ref, opts);
  }
  async login(server: string | undefined, username: string, password: string, opts?: { store?: boolean; signal?: AbortSignal }) {
    const { store, flow } = await credentials();
    return flow.login(store, await flow.loadRegistryConfig(this.deps.root), server, { username, password }, opts);
  }
  async logout(server?: string) { const { store, flow } = await credentials(); return flow.logout(store, server); }
  async storedAuth(server?: string) { const { store, flow } = await credentials(); return flow.storedCredentials(store, server); }

  async close(): Promise<void> { /* nothing resident: every record is on disk */ }
}
