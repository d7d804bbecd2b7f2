/** Engine-level data shapes, close to the Docker Engine API's so every surface can render them. */
import type { ContainerConfig, HistoryEntry } from '../oci/types.js';

/** Docker's ImageSummary (GET /images/json). */
export interface ImageSummary {
  Id: string;
  ParentId: string;
  RepoTags: string[];
  RepoDigests: string[];
  /** Unix seconds. */
  Created: number;
  Size: number;
  SharedSize: number;
  Labels: Record<string, string>;
  Containers: number;
}

/** Docker's image inspect shape (GET /images/{name}/json). */
export interface ImageInspect {
  Id: string;
  RepoTags: string[];
  RepoDigests: string[];
  Parent: string;
  Comment: string;
  Created: string;
  DockerVersion: string;
  Author: string;
  Config: ContainerConfig;
  Architecture: string;
  Variant?: string;
  Os: string;
  Size: number;
  GraphDriver: { Name: string; Data: Record<string, string> | null };
  RootFS: { Type: string; Layers: string[] };
  Metadata: { LastTagTime: string };
}

/** Docker's history item (GET /images/{name}/history). */
export interface ImageHistoryItem {
  Id: string;
  Created: number;
  CreatedBy: string;
  Tags: string[] | null;
  Size: number;
  Comment: string;
}

export interface ImageDeleteItem {
  Untagged?: string;
  Deleted?: string;
}

export interface ImagePruneResult {
  ImagesDeleted: ImageDeleteItem[];
  SpaceReclaimed: number;
}

export interface ImageListOptions {
  all?: boolean;
  /** docker filters: dangling, reference, before, since, label. */
  filters?: Record<string, string[]>;
}

export interface ImportOptions {
  /** Repository[:tag] to tag the result with. */
  reference?: string;
  /** Dockerfile instructions applied to the config (CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, USER, VOLUME, WORKDIR). */
  changes?: string[];
  message?: string;
  /** Recorded as history created_by, as docker does ("/bin/sh -c #(nop) ..." style is not used for import). */
  source?: string;
  platform?: string;
}

export interface LoadResult {
  /** Docker's lines: "Loaded image: busybox:latest" or "Loaded image ID: sha256:…". */
  loaded: { tag?: string; id: string }[];
}

export interface DiskUsage {
  LayersSize: number;
  Images: (ImageSummary)[];
  Containers: import('./container.js').ContainerSummary[];
  Volumes: unknown[];
  BuildCache: unknown[];
}

export interface SystemInfo {
  ID: string;
  Containers: number;
  ContainersRunning: number;
  ContainersPaused: number;
  ContainersStopped: number;
  Images: number;
  Driver: string;
  DockerRootDir: string;
  KernelVersion: string;
  OperatingSystem: string;
  OSType: string;
  Architecture: string;
  NCPU: number;
  MemTotal: number;
  Name: string;
  ServerVersion: string;
  DefaultRuntime: string;
  CgroupDriver: string;
  CgroupVersion: string;
  LoggingDriver: string;
  SecurityOptions: string[];
  [k: string]: unknown;
}

export interface EngineVersion {
  Version: string;
  ApiVersion: string;
  MinAPIVersion: string;
  Os: string;
  Arch: string;
  KernelVersion: string;
  GoVersion?: string;
  GitCommit: string;
  BuildTime: string;
  Components: { Name: string; Version: string; Details?: Record<string, string> }[];
}

export type { EngineEvent } from './events.js';

export interface EventsOptions {
  /** Unix seconds (may be fractional). */
  since?: number;
  until?: number;
  filters?: Record<string, string[]>;
}

export type { HistoryEntry };
export type * from './container.js';
export type * from './volume.js';
