/**
 * The one interface the CLI, the TUI and the API server talk to. `createEngine` implements it
 * in-process on a state root; `connectEngine` (the API issue) implements it over the Docker API.
 * Role interfaces are small so a surface depends only on what it uses.
 */
import type { Readable } from 'node:stream';
import type {
  DiskUsage, EngineEvent, EngineVersion, EventsOptions, ImageDeleteItem, ImageHistoryItem, ImageInspect,
  ImageListOptions, ImagePruneResult, ImageSummary, ImportOptions, LoadResult, SystemInfo,
} from './types.js';

export interface ImageEngine {
  listImages(opts?: ImageListOptions): Promise<ImageSummary[]>;
  inspectImage(ref: string): Promise<ImageInspect>;
  imageHistory(ref: string): Promise<ImageHistoryItem[]>;
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

export interface SystemEngine {
  info(): Promise<SystemInfo>;
  version(): Promise<EngineVersion>;
  diskUsage(): Promise<DiskUsage>;
  /** Past events (since/until), then live ones until `signal` aborts or `until` passes. */
  events(opts: EventsOptions & { follow?: boolean; signal?: AbortSignal }): AsyncIterable<EngineEvent>;
}

export interface Engine extends ImageEngine, SystemEngine {
  /** "embedded /var/lib/berth" or "unix:///var/run/docker.sock", for status bars and `info`. */
  readonly description: string;
  close(): Promise<void>;
}
