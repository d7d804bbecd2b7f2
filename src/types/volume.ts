/** Volume shapes in the Docker Engine API's terms (v1.50), so every surface can render them. */

/** GET /volumes/{name}; field order is docker's (its Go struct's). */
export interface Volume {
  CreatedAt: string;
  Driver: string;
  /** null when the volume was created without labels (docker's nil map). */
  Labels: Record<string, string> | null;
  Mountpoint: string;
  Name: string;
  /** Driver options (`-o type=tmpfs`); null when none. */
  Options: Record<string, string> | null;
  Scope: 'local';
  /** Only from `system df` (GET /system/df): bytes used and how many containers reference it. */
  UsageData?: { Size: number; RefCount: number } | null;
}

/** POST /volumes/create */
export interface VolumeCreateRequest {
  /** Empty or absent: an anonymous volume with a random 64-hex name. */
  Name?: string;
  /** @default "local" */
  Driver?: string;
  DriverOpts?: Record<string, string>;
  Labels?: Record<string, string>;
}

/** GET /volumes */
export interface VolumeListResponse {
  Volumes: Volume[];
  Warnings: string[];
}

/** POST /volumes/prune */
export interface VolumePruneReport {
  VolumesDeleted: string[];
  SpaceReclaimed: number;
}

/** `berth system reset`: what went. */
export interface SystemResetResult {
  ContainersRemoved: string[];
  VolumesRemoved: string[];
  /** The state root, deleted. */
  Root: string;
  BridgeRemoved: boolean;
  /** Other state roots whose running containers keep the (host-wide) bridge. */
  BridgeKeptFor: string[];
}
