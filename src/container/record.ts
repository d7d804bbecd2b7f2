/**
 * The persisted container record (<root>/meta/containers/<id>.json): docker's inspect shape plus
 * the internals berth needs to manage it without a daemon.
 */
import type { ContainerConfig, ContainerState, HostConfig } from '../types/container.js';
import type { Digest } from '../oci/digest.js';
import type { ResolvedMount } from '../volumes/types.js';

export interface ContainerRecord {
  Id: string;
  /** With docker's leading slash, e.g. "/web". */
  Name: string;
  Created: string;
  Path: string;
  Args: string[];
  /** Image ID (sha256:…). */
  Image: string;
  Config: ContainerConfig;
  HostConfig: HostConfig;
  State: ContainerState;
  RestartCount: number;
  /** Internal bookkeeping, not part of docker's shape. */
  berth: {
    /** Snapshot chain (bottom first) under the container's overlay. */
    chain: Digest[];
    conmonPid?: number;
    /** Set by stop/kill from a user: restart policies (always/unless-stopped) leave it stopped. */
    manuallyStopped?: boolean;
    /** The last restart-policy backoff (docker's restart manager timeout), doubled per quick exit. */
    restartDelayMs?: number;
    /** The exit-command process waiting out a backoff while the container shows "restarting". */
    restartPid?: number;
    /** The exit of the current run was handled (die event, unmount) — cleanup is idempotent. */
    exitHandled?: boolean;
    /** Named volumes and anonymous volumes this container mounts (the volumes issue fills this). */
    volumes?: { name: string; anonymous: boolean; destination: string }[];
    /** Every mount point (volumes, binds, --mount tmpfs) as resolved at create (src/volumes). */
    mounts?: ResolvedMount[];
  };
}

export function emptyState(): ContainerState {
  return {
    Status: 'created', Running: false, Paused: false, Restarting: false, OOMKilled: false, Dead: false,
    Pid: 0, ExitCode: 0, Error: '', StartedAt: '0001-01-01T00:00:00Z', FinishedAt: '0001-01-01T00:00:00Z',
  };
}

export function setStatus(s: ContainerState, status: ContainerState['Status']): void {
  s.Status = status;
  s.Running = status === 'running' || status === 'paused' || status === 'restarting';
  s.Paused = status === 'paused';
  s.Restarting = status === 'restarting';
  s.Dead = status === 'dead';
}
