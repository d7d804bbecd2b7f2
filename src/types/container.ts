/**
 * Container shapes in the Docker Engine API's terms (v1.50): the CLI builds a create request from
 * docker's flags exactly as the docker CLI does, and the API server receives the same JSON.
 */
import type { ContainerConfig as ImageContainerConfig, HealthConfig } from '../oci/types.js';

export type * from './container-ops.js';

/** Docker's container Config (POST /containers/create body minus HostConfig). */
export interface ContainerConfig extends ImageContainerConfig {
  Hostname?: string;
  Domainname?: string;
  AttachStdin?: boolean;
  AttachStdout?: boolean;
  AttachStderr?: boolean;
  Tty?: boolean;
  OpenStdin?: boolean;
  StdinOnce?: boolean;
  Image?: string;
  StopTimeout?: number;
  Healthcheck?: HealthConfig;
}

export interface RestartPolicy {
  Name: '' | 'no' | 'always' | 'unless-stopped' | 'on-failure';
  MaximumRetryCount?: number;
}

export interface MountSpec {
  Type: 'bind' | 'volume' | 'tmpfs';
  Source?: string;
  Target: string;
  ReadOnly?: boolean;
  Consistency?: string;
  BindOptions?: { Propagation?: string; CreateMountpoint?: boolean; NonRecursive?: boolean; ReadOnlyNonRecursive?: boolean; ReadOnlyForceRecursive?: boolean };
  VolumeOptions?: { NoCopy?: boolean; Labels?: Record<string, string>; Subpath?: string; DriverConfig?: { Name?: string; Options?: Record<string, string> } };
  TmpfsOptions?: { SizeBytes?: number; Mode?: number; Options?: string[][] };
}

export interface PortBinding {
  HostIp: string;
  HostPort: string;
}

/** The HostConfig fields berth's flags use. */
export interface HostConfig {
  AutoRemove?: boolean;
  Binds?: string[] | null;
  Mounts?: MountSpec[];
  Tmpfs?: Record<string, string>;
  VolumesFrom?: string[] | null;
  Memory?: number;
  MemorySwap?: number;
  NanoCpus?: number;
  CpuShares?: number;
  PidsLimit?: number | null;
  CapAdd?: string[] | null;
  CapDrop?: string[] | null;
  Privileged?: boolean;
  SecurityOpt?: string[] | null;
  ReadonlyRootfs?: boolean;
  RestartPolicy?: RestartPolicy;
  Init?: boolean | null;
  LogConfig?: { Type: string; Config: Record<string, string> };
  PortBindings?: Record<string, PortBinding[] | null>;
  PublishAllPorts?: boolean;
  NetworkMode?: string;
  ConsoleSize?: [number, number];
  ShmSize?: number;
  GroupAdd?: string[] | null;
  Ulimits?: { Name: string; Soft: number; Hard: number }[] | null;
}

export interface ContainerCreateRequest {
  name?: string;
  config: ContainerConfig;
  hostConfig: HostConfig;
}

export interface HealthState {
  Status: 'starting' | 'healthy' | 'unhealthy' | 'none';
  FailingStreak: number;
  Log: { Start: string; End: string; ExitCode: number; Output: string }[];
}

export type ContainerStatus = 'created' | 'running' | 'paused' | 'restarting' | 'removing' | 'exited' | 'dead';

export interface ContainerState {
  Status: ContainerStatus;
  Running: boolean;
  Paused: boolean;
  Restarting: boolean;
  OOMKilled: boolean;
  Dead: boolean;
  Pid: number;
  ExitCode: number;
  Error: string;
  StartedAt: string;
  FinishedAt: string;
  Health?: HealthState;
}

/** A container mount as inspect and ps show it (docker's types.MountPoint). */
export interface MountPoint {
  Type: 'bind' | 'volume' | 'tmpfs';
  Name?: string;
  Source: string;
  Destination: string;
  Driver?: string;
  Mode: string;
  RW: boolean;
  Propagation: string;
}

/** GET /containers/{id}/json */
export interface ContainerInspect {
  Id: string;
  Created: string;
  Path: string;
  Args: string[];
  State: ContainerState;
  Image: string;
  ResolvConfPath: string;
  HostnamePath: string;
  HostsPath: string;
  LogPath: string;
  Name: string;
  RestartCount: number;
  Driver: string;
  Platform: string;
  MountLabel: string;
  ProcessLabel: string;
  AppArmorProfile: string;
  ExecIDs: string[] | null;
  HostConfig: HostConfig;
  GraphDriver: { Name: string; Data: Record<string, string> | null };
  SizeRw?: number;
  SizeRootFs?: number;
  Mounts: MountPoint[];
  Config: ContainerConfig;
  NetworkSettings: Record<string, unknown>;
}

/** GET /containers/json item */
export interface ContainerSummary {
  Id: string;
  Names: string[];
  Image: string;
  ImageID: string;
  Command: string;
  Created: number;
  Ports: { IP?: string; PrivatePort: number; PublicPort?: number; Type: string }[];
  SizeRw?: number;
  SizeRootFs?: number;
  Labels: Record<string, string>;
  State: ContainerStatus;
  Status: string;
  HostConfig: { NetworkMode: string };
  NetworkSettings: { Networks: Record<string, unknown> };
  Mounts: MountPoint[];
}

export interface ContainerListOptions {
  all?: boolean;
  limit?: number;
  size?: boolean;
  filters?: Record<string, string[]>;
}

export interface LogLine {
  stream: 'stdout' | 'stderr';
  /** RFC3339Nano */
  time: string;
  line: Buffer;
}

export interface LogsOptions {
  follow?: boolean;
  stdout?: boolean;
  stderr?: boolean;
  /** unix seconds (float) */
  since?: number;
  until?: number;
  /** number of lines from the end, or undefined for all */
  tail?: number;
  timestamps?: boolean;
  signal?: AbortSignal;
}

export interface AttachStreams {
  stdin?: NodeJS.ReadableStream;
  stdout?: NodeJS.WritableStream;
  stderr?: NodeJS.WritableStream;
  /** docker's detach keys spec, e.g. "ctrl-p,ctrl-q"; empty string disables. */
  detachKeys?: string;
  /** Called when the user detached with the keys. */
  onDetach?: () => void;
}

export interface AttachHandle {
  /** Settles when the stream ends: 'eof' (container exited), 'detached', 'closed'. */
  done: Promise<'eof' | 'detached' | 'closed'>;
  close(): void;
}

export type WaitCondition = 'not-running' | 'next-exit' | 'removed';

export interface ContainerPruneResult {
  ContainersDeleted: string[];
  SpaceReclaimed: number;
}

export type * from './exec.js';

/** HEAD/GET /containers/{id}/archive's X-Docker-Container-Path-Stat (docker's PathStat). */
export interface PathStat {
  name: string;
  size: number;
  /** Go's os.FileMode bits: permissions plus type flags (ModeDir = 2^31, ModeSymlink = 2^27, …). */
  mode: number;
  /** RFC 3339 with nanoseconds. */
  mtime: string;
  /** For a symlink, its target resolved inside the container (an absolute container path). */
  linkTarget: string;
}

/** PUT /containers/{id}/archive options. */
export interface ArchivePutOptions {
  /** Refuse to replace a directory with a non-directory or the reverse (the CLI always sets it). */
  noOverwriteDirNonDir?: boolean;
  /** Chown extracted files to the container's user (docker cp -a). */
  copyUIDGID?: boolean;
}

/** GET /containers/{id}/changes item: Kind 0 modified, 1 added, 2 deleted. */
export interface ContainerChange {
  Path: string;
  Kind: 0 | 1 | 2;
}

/** POST /commit parameters. */
export interface CommitOptions {
  repo?: string;
  tag?: string;
  comment?: string;
  author?: string;
  /** Dockerfile instructions (CMD, ENV, …) applied to the committed config. */
  changes?: string[];
  /** Pause a running container while its changes are read. @default true */
  pause?: boolean;
}

/** `berth healthcheck run`: the container's health after one probe, and that probe's result. */
export interface HealthcheckRunResult {
  Status: HealthState['Status'];
  Result: HealthState['Log'][number];
}

/** `berth system boot`: containers started by their restart policy, --rm ones removed, failures. */
export interface BootResult {
  Started: string[];
  Removed: string[];
  Failed: { Id: string; Error: string }[];
}
