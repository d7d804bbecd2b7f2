/**
 * The one interface the CLI, the TUI and the API server talk to. `createEngine` implements it
 * in-process on a state root; `connectEngine` (the API issue) implements it over the Docker API.
 * Role interfaces are small so a surface depends only on what it uses.
 */
import type { Readable } from 'node:stream';
import type {
  DiskUsage, EngineEvent, EngineVersion, EventsOptions, ImageDeleteItem, ImageHistoryItem, ImageInspect,
  ImageListOptions, ImagePruneResult, ImageSummary, ImportOptions, LoadResult, SystemInfo,
  ContainerCreateRequest, AttachStreams, AttachHandle, ContainerListOptions, ContainerSummary, ContainerInspect,
  LogsOptions, LogLine, WaitCondition, ContainerPruneResult,
  ContainerTopResult, ContainerStatsJSON, ContainerStatsOptions, ContainerUpdateRequest, ContainerUpdateResult,
  ExecCreateRequest, ExecStartOptions, ExecInspect,
} from './types.js';
import type { ArchivePutOptions, CommitOptions, ContainerChange, PathStat } from './types.js';
import type { BootResult, HealthcheckRunResult } from './types.js';
import type { SystemCheckOptions, SystemCheckResult } from './check/types.js';
import type { SystemResetResult, Volume, VolumeCreateRequest, VolumeListResponse, VolumePruneReport } from './types.js';
import type { ImageLayerAnalysis } from '../types/layer-analysis.js';
import type { NetworkResource } from '../types/network.js';
import type { LoginResult, PullOptions, PullResult, PushOptions, PushResult, RegistryAuth } from '../types/registry.js';
import type { BuildCachePruneOptions, BuildCachePruneResult, BuildHandle, BuildOptions } from '../build/types.js';

export interface ImageEngine {
  listImages(opts?: ImageListOptions): Promise<ImageSummary[]>;
  inspectImage(ref: string): Promise<ImageInspect>;
  imageHistory(ref: string): Promise<ImageHistoryItem[]>;
  /** Per-layer history, file changes and dive's efficiency / wasted bytes (the TUI's Layers tab). */
  imageLayers(ref: string): Promise<ImageLayerAnalysis>;
  /** Tag `source` (name or ID) as `target` (repository[:tag]). */
  tagImage(source: string, target: string): Promise<void>;
  removeImage(ref: string, opts?: { force?: boolean; noPrune?: boolean }): Promise<ImageDeleteItem[]>;
  pruneImages(opts?: { all?: boolean; filters?: Record<string, string[]> }): Promise<ImagePruneResult>;
  /** Import a rootfs tarball (plain or gzip) as a one-layer image. Returns the image ID. */
  importImage(tar: Readable, opts?: ImportOptions): Promise<string>;
  /** Load a docker-archive or OCI image-layout tar (plain or gzip). */
  loadImages(tar: Readable, opts?: { signal?: AbortSignal }): Promise<LoadResult>;
  /** Write a combined docker-archive + OCI layout tar of the named images. */
  saveImages(refs: string[], out: NodeJS.WritableStream): Promise<void>;
  /** Create the offline demo image from the host's busybox-static; returns its ID. */
  createDemoImage(reference: string): Promise<string>;
}

export interface ContainerEngine {
  createContainer(req: ContainerCreateRequest): Promise<{ Id: string; Warnings: string[] }>;
  /** Start; with `attach`, the streams are connected before the process runs (docker run). */
  startContainer(ref: string, opts?: { attach?: AttachStreams }): Promise<{ attach?: AttachHandle; alreadyRunning: boolean }>;
  attachContainer(ref: string, streams: AttachStreams): Promise<AttachHandle>;
  /** false when the container was not running. */
  stopContainer(ref: string, opts?: { timeout?: number; signal?: string }): Promise<boolean>;
  restartContainer(ref: string, opts?: { timeout?: number; signal?: string }): Promise<void>;
  killContainer(ref: string, signal?: string): Promise<void>;
  pauseContainer(ref: string): Promise<void>;
  unpauseContainer(ref: string): Promise<void>;
  removeContainer(ref: string, opts?: { force?: boolean; volumes?: boolean }): Promise<void>;
  listContainers(opts?: ContainerListOptions): Promise<ContainerSummary[]>;
  inspectContainer(ref: string): Promise<ContainerInspect>;
  containerLogs(ref: string, opts: LogsOptions): AsyncIterable<LogLine>;
  waitContainer(ref: string, condition?: WaitCondition, signal?: AbortSignal): Promise<{ StatusCode: number }>;
  resizeContainer(ref: string, rows: number, cols: number): Promise<void>;
  renameContainer(ref: string, name: string): Promise<void>;
  pruneContainers(opts?: { filters?: Record<string, string[]> }): Promise<ContainerPruneResult>;
  /** conmon's exit command: record the exit, apply --rm and restart policies. */
  cleanupContainer(id: string): Promise<void>;
  /** Run the container's HEALTHCHECK once and update State.Health (`berth healthcheck run`). */
  healthcheckRun(ref: string): Promise<HealthcheckRunResult>;
  /** Start containers whose restart policy asks for it after a reboot; drop stale --rm ones (`berth system boot`). */
  bootContainers(): Promise<BootResult>;
  /** docker top: the host's `ps` (default -ef) limited to the container's processes. */
  containerTop(ref: string, psArgs?: string): Promise<ContainerTopResult>;
  /** docker stats: one sample, or one per second while `stream` until the signal aborts. */
  containerStats(ref: string, opts?: ContainerStatsOptions): AsyncIterable<ContainerStatsJSON>;
  /** docker update: persist resources and restart policy; apply them to a running container. */
  updateContainer(ref: string, update: ContainerUpdateRequest): Promise<ContainerUpdateResult>;
  /** docker exec: create in a running container, then start (attached or detached). */
  execCreate(ref: string, config: ExecCreateRequest): Promise<{ Id: string }>;
  execStart(execId: string, opts?: ExecStartOptions): Promise<{ attach?: AttachHandle }>;
  execResize(execId: string, rows: number, cols: number): Promise<void>;
  execInspect(execId: string): Promise<ExecInspect>;
  /** conmon's exit command for an exec session: record its exit code and exec_die. */
  cleanupExec(execId: string): Promise<void>;
  /** HEAD /archive: stat a path in the container (the last symlink is not followed). */
  archiveStat(ref: string, path: string): Promise<PathStat>;
  /** GET /archive: the path's stat and a tar of it (running containers are paused until it is read). */
  archiveGet(ref: string, path: string): Promise<{ stat: PathStat; tar: Readable }>;
  /** PUT /archive: extract a tar into a directory of the container. */
  archivePut(ref: string, path: string, tar: Readable, opts?: ArchivePutOptions): Promise<void>;
  /** docker diff: changes of the container's filesystem against its image. */
  containerChanges(ref: string): Promise<ContainerChange[]>;
  /** docker export: the container's root filesystem as a tar written to `out` (left open). */
  exportContainer(ref: string, out: NodeJS.WritableStream, signal?: AbortSignal): Promise<void>;
  /** docker commit: a new image from the container's changes. */
  commitContainer(ref: string, opts?: CommitOptions): Promise<{ Id: string }>;
}

export interface SystemEngine {
  info(): Promise<SystemInfo>;
  version(): Promise<EngineVersion>;
  diskUsage(): Promise<DiskUsage>;
  /** Past events (since/until), then live ones until `signal` aborts or `until` passes. */
  events(opts: EventsOptions & { follow?: boolean; signal?: AbortSignal }): AsyncIterable<EngineEvent>;
  /** `system reset`: remove every container, volume and image of the state root, the root itself, and the bridge unless another root uses it. */
  resetSystem(): Promise<SystemResetResult>;
  /** `system check`: verify the state root against its records; with repair, fix what is safe (never deletes a committed image, container or volume). */
  systemCheck(opts: SystemCheckOptions): Promise<SystemCheckResult>;
}

/** Volumes of the local driver (docker's /volumes endpoints). */
export interface VolumeEngine {
  /** Create, or return the existing volume of that name; no name = an anonymous volume. */
  createVolume(req: VolumeCreateRequest): Promise<Volume>;
  /** Filters: dangling, name, driver, label. */
  listVolumes(opts?: { filters?: Record<string, string[]> }): Promise<VolumeListResponse>;
  inspectVolume(name: string): Promise<Volume>;
  /** CONFLICT "volume is in use - [ids]" while a container references it; force ignores a missing volume. */
  removeVolume(name: string, opts?: { force?: boolean }): Promise<void>;
  /** Unused anonymous volumes (all unused ones with filter all=true); filters: label, label!, all. */
  pruneVolumes(opts?: { filters?: Record<string, string[]> }): Promise<VolumePruneReport>;
}

/** Registries: pull/push by docker's rules, credentials in docker's config file (DOCKER_CONFIG honoured). */
export interface RegistryEngine {
  /** docker pull; progress events are docker's JSON message stream, in order. */
  pullImage(ref: string, opts?: PullOptions): Promise<PullResult>;
  /** docker push of a tag (or every tag with allTags) as a schema2 manifest with gzip layers. */
  pushImage(ref: string, opts?: PushOptions): Promise<PushResult>;
  /** docker login: check the credentials against <server>/v2/, then store them unless store is false. */
  login(server: string | undefined, username: string, password: string, opts?: { store?: boolean; signal?: AbortSignal }): Promise<LoginResult>;
  /** docker logout: erase stored credentials; returns the name docker prints and erase failures. */
  logout(server?: string): Promise<{ server: string; failures: string[] }>;
  /** Credentials stored for a login server argument (undefined: Docker Hub), if any. */
  storedAuth(server?: string): Promise<RegistryAuth | undefined>;
}

/** Builds from Dockerfiles (legacy builder semantics, BuildKit's stage pruning) and their cache. */
export interface BuildEngine {
  /** Start a build; its events stream as it runs, `result` settles when it ends. */
  build(opts: BuildOptions): BuildHandle;
  /** `builder prune`: cached step images nothing needs (all records too with `all`). */
  pruneBuildCache(opts?: BuildCachePruneOptions): Promise<BuildCachePruneResult>;
}

/** Networks, read-only: docker's predefined bridge, host and none (no user-defined networks yet). */
export interface NetworkEngine {
  /** Filters: name, id, driver, type (builtin). */
  listNetworks(opts?: { filters?: Record<string, string[]> }): Promise<NetworkResource[]>;
  /** By name, ID or unique ID prefix; Containers lists the running containers attached. */
  inspectNetwork(ref: string): Promise<NetworkResource>;
}

export interface Engine extends ImageEngine, ContainerEngine, SystemEngine, RegistryEngine, BuildEngine, VolumeEngine, NetworkEngine {
  /** "embedded /var/lib/berth" or "unix:///var/run/docker.sock", for status bars and `info`. */
  readonly description: string;
  close(): Promise<void>;
}
