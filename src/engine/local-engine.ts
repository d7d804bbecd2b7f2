/** The embedded engine: the Engine interface over the local state root. */
import type { NetworkResource } from '../types/network.js';
import { inspectNetwork, listNetworks } from './networks.js';
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
import type { AttachHandle, AttachStreams, ContainerCreateRequest, ContainerListOptions, LogsOptions, WaitCondition } from './types.js';
import { createContainer } from '../container/create.js';
import { startContainer } from '../container/start.js';
import { killContainer, pauseContainer, stopContainer, unpauseContainer } from '../container/stop.js';
import { removeContainer } from '../container/remove.js';
import { listContainers } from '../container/list.js';
import { inspectContainer } from '../container/inspect.js';
import { containerLogs } from '../container/logs.js';
import { waitContainer } from '../container/wait.js';
import { attachContainer, pruneContainers, renameContainer, resizeContainer } from '../container/misc.js';
import { cleanupContainer } from '../container/cleanup.js';
import type { ContainerStatsOptions, ContainerUpdateRequest } from './types.js';
import type { ExecCreateRequest, ExecStartOptions } from './types.js';
import type { ArchivePutOptions, CommitOptions } from './types.js';
import type { SystemCheckOptions, SystemCheckResult } from './check/index.js';
import type { BuildCachePruneOptions, BuildHandle, BuildOptions } from '../build/index.js';
import { familiarString, formatReference, parseCanonical, parseReference } from '../oci/reference.js';
import type { SystemResetResult, Volume, VolumeCreateRequest, VolumeListResponse, VolumePruneReport } from './types.js';
import { inspectVolume, listVolumes, pruneVolumes, removeVolume, volumesUsage, type VolumeOpsDeps } from '../volumes/index.js';
import { volumeRefs, volumeStoreOf } from '../container/host-resources.js';
import type { PullOptions, PushOptions } from '../types/registry.js';
import type { BuildEvent } from '../build/index.js';
import { distributionRoots } from '../image/distribution-meta.js';

// Heavy services load on first use (dynamic import → their own esbuild chunks), so the simple
// verbs (images, inspect, ps, create) never parse the registry client, the builder, tar/zlib/
// https, archive save/load or layer analysis at start-up (bench/: start-up dominates them).
const ops = () => import('./lazy-ops.js');
const credentials = async () => {
  const flow = await import('./lazy-registry.js');
  return { store: new flow.CredentialStore(flow.dockerConfigDir()), flow };
};

export interface LocalEngineDeps {
  root: string;
  images: ImageStore;
  containers: ContainerDeps;
}

export class LocalEngine implements Engine {
  readonly description: string;

  constructor(private readonly deps: LocalEngineDeps) {
    this.description = `embedded ${deps.root}`;
  }

  private get images() { return this.deps.images; }
  private get ctr() { return this.deps.containers; }

  /** Containers keep their images: rmi conflicts and GC roots come from their records. */
  private get users(): ImageUsers {
    const ctr = this.ctr;
    return {
      usersOf: async (imageId) => (await ctr.store.records.list()).filter((r) => r.Image === imageId)
        .map((r) => ({ id: r.Id, running: r.State.Running })),
      roots: [async () => ({ blobs: [], snapshots: (await ctr.store.records.list()).flatMap((r) => r.berth.chain) }), () => distributionRoots(this.images)],
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

  createContainer(req: ContainerCreateRequest) { return createContainer(this.ctr.store, this.images, req); }
  async startContainer(ref: string, opts?: { attach?: AttachStreams }) {
    const r = await startContainer(this.ctr, ref, opts);
    return { attach: r.attach, alreadyRunning: r.alreadyRunning };
  }
  attachContainer(ref: string, streams: AttachStreams): Promise<AttachHandle> { return attachContainer(this.ctr, ref, streams); }
  stopContainer(ref: string, opts?: { timeout?: number; signal?: string }) { return stopContainer(this.ctr, ref, opts); }
  async restartContainer(ref: string, opts?: { timeout?: number; signal?: string }) {
    await stopContainer(this.ctr, ref, opts);
    await startContainer(this.ctr, ref);
  }
  async killContainer(ref: string, signal?: string) { await killContainer(this.ctr, ref, signal); }
  pauseContainer(ref: string) { return pauseContainer(this.ctr, ref); }
  unpauseContainer(ref: string) { return unpauseContainer(this.ctr, ref); }
  async removeContainer(ref: string, opts?: { force?: boolean; volumes?: boolean }) { await removeContainer(this.ctr, ref, opts); }
  async listContainers(opts: ContainerListOptions = {}) { return listContainers(this.ctr, opts, await this.imageNamer()); }
  inspectContainer(ref: string) { return inspectContainer(this.ctr, ref); }
  containerLogs(ref: string, opts: LogsOptions) { return containerLogs(this.ctr, ref, opts); }
  waitContainer(ref: string, condition?: WaitCondition, signal?: AbortSignal) { return waitContainer(this.ctr, ref, condition, signal); }
  resizeContainer(ref: string, rows: number, cols: number) { return resizeContainer(this.ctr, ref, rows, cols); }
  renameContainer(ref: string, name: string) { return renameContainer(this.ctr, ref, name); }
  pruneContainers(opts?: { filters?: Record<string, string[]> }) { return pruneContainers(this.ctr, opts?.filters); }
  cleanupContainer(id: string) { return cleanupContainer(this.ctr, id); }
  async healthcheckRun(ref: string) { return (await ops()).runHealthcheck(this.ctr, ref); }
  async bootContainers() { return (await ops()).bootContainers(this.ctr); }
  async containerTop(ref: string, psArgs?: string) { return (await ops()).containerTop(this.ctr, ref, psArgs); }
  async *containerStats(ref: string, opts?: ContainerStatsOptions) { yield* (await ops()).containerStats(this.ctr, ref, opts); }
  async updateContainer(ref: string, update: ContainerUpdateRequest) { return (await ops()).updateContainer(this.ctr, ref, update); }
  async execCreate(ref: string, config: ExecCreateRequest) { return (await ops()).execCreate(this.ctr, ref, config); }
  async execStart(execId: string, opts?: ExecStartOptions) { return (await ops()).execStart(this.ctr, execId, opts); }
  async execResize(execId: string, rows: number, cols: number) { return (await ops()).execResize(this.ctr, execId, rows, cols); }
  async execInspect(execId: string) { return (await ops()).execInspect(this.ctr, execId); }
  async cleanupExec(execId: string) { return (await ops()).cleanupExec(this.ctr, execId); }
  async archiveStat(ref: string, path: string) { return (await ops()).archiveStat(this.ctr, ref, path); }
  async archiveGet(ref: string, path: string) { return (await ops()).archiveGet(this.ctr, ref, path); }
  async archivePut(ref: string, path: string, tar: Readable, opts?: ArchivePutOptions) { return (await ops()).archivePut(this.ctr, ref, path, tar, opts); }
  async containerChanges(ref: string) { return (await ops()).containerChanges(this.ctr, ref); }
  async exportContainer(ref: string, out: NodeJS.WritableStream, signal?: AbortSignal) { return (await ops()).exportContainer(this.ctr, ref, out, signal); }
  async commitContainer(ref: string, opts?: CommitOptions) { return (await ops()).commitContainer(this.ctr, ref, opts); }

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
    const states = (await listContainers(this.ctr, { all: true }, await this.imageNamer())).map((c) => c.State);
    const count = (pred: (s: string) => boolean) => states.filter(pred).length;
    return systemInfo(this.deps.root, this.images, {
      running: count((s) => s === 'running' || s === 'restarting'), paused: count((s) => s === 'paused'),
      stopped: count((s) => s !== 'running' && s !== 'restarting' && s !== 'paused'),
    });
  }
  version(): Promise<EngineVersion> { return systemVersion(); }

  /** Volumes: the local driver over this root; references come from container records. */
  private get volumes(): VolumeOpsDeps { return { store: volumeStoreOf(this.ctr.store), refs: volumeRefs(this.ctr.store) }; }
  async createVolume(req: VolumeCreateRequest): Promise<Volume> { const v = this.volumes; return v.store.toApi((await v.store.create(req)).volume); }
  listVolumes(opts?: { filters?: Record<string, string[]> }): Promise<VolumeListResponse> { return listVolumes(this.volumes, opts?.filters); }
  inspectVolume(name: string): Promise<Volume> { return inspectVolume(this.volumes, name); }
  removeVolume(name: string, opts?: { force?: boolean }): Promise<void> { return removeVolume(this.volumes, name, opts); }
  pruneVolumes(opts?: { filters?: Record<string, string[]> }): Promise<VolumePruneReport> { return pruneVolumes(this.volumes, opts?.filters); }
  async resetSystem(): Promise<SystemResetResult> { return (await ops()).resetSystem(this.deps.root, this.ctr); }
  async systemCheck(opts: SystemCheckOptions): Promise<SystemCheckResult> {
    return (await ops()).systemCheck(this.deps.root, this.images, this.ctr, this.users.roots, opts);
  }

  async listNetworks(opts?: { filters?: Record<string, string[]> }): Promise<NetworkResource[]> { return listNetworks(opts?.filters); }
  async inspectNetwork(ref: string): Promise<NetworkResource> {
    return inspectNetwork(ref, await listContainers(this.ctr, {}, await this.imageNamer()));
  }

  async diskUsage(): Promise<DiskUsage> {
    const containers = await listContainers(this.ctr, { all: true, size: true }, await this.imageNamer());
    const images = await listImages(this.images, { all: true }, new Set(containers.map((c) => c.ImageID)));
    const snaps = await this.images.snapshots.list();
    const { buildCacheUsage } = await import('./lazy-build.js');
    const BuildCache = await buildCacheUsage(this.images, { inUse: async () => new Set(containers.map((c) => c.ImageID)) });
    return { LayersSize: snaps.reduce((n, s) => n + s.size, 0), Images: images, Containers: containers, Volumes: await volumesUsage(this.volumes), BuildCache };
  }

  /** Builds pull missing base images through the registry client, reporting docker's status lines. */
  build(opts: BuildOptions): BuildHandle {
    // Synchronous by contract: the builder's own handle arrives after its chunk is imported.
    const inner = import('./lazy-build.js').then(({ build }) => build(this.ctr, opts, {
      pull: async (ref, { signal, onStatus }) => (await this.pullImage(ref, {
        signal, onProgress: (e) => { if (!e.layer) onStatus(e.id ? `${e.id}: ${e.status}` : e.status); },
      })).id,
    }));
    async function* events(): AsyncGenerator<BuildEvent> { yield* (await inner).events; }
    return { events: events(), result: inner.then((h) => h.result) };
  }

  /** Also removes what killed builds left (their intermediate containers, temp dirs). */
  async pruneBuildCache(opts?: BuildCachePruneOptions) {
    const ctr = this.ctr;
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
