import type { MountPoint } from '../types/container.js';

/**
 * A container's mount point as resolved at create time (dockerd's volume/mounts.MountPoint): the
 * record keeps these, so start, inspect, ps, `rm -v` and `volume rm` never re-parse the flags.
 */
export interface ResolvedMount extends MountPoint {
  // MountPoint's fields as inspect shows them: Source is '' for volumes (their data dir derives from
  // the name) and tmpfs; Mode is the text as given (`ro`, `rw,nocopy`…); Propagation '' for volumes.
  /** Fill an empty volume with the image's content at Destination on start (not with nocopy). */
  CopyData?: boolean;
  /** Anonymous volume (64-hex name): `rm -v` and `--rm` remove it with the container. */
  Anonymous?: boolean;
  /** A `-v` bind: a missing source is created at start (docker); `--mount` requires it to exist. */
  CreateSource?: boolean;
  /** A bind without `r` (bind-recursive=disabled). */
  NonRecursive?: boolean;
  /** tmpfs mount data (size=…, mode=…), merged over docker's defaults at start. */
  TmpfsData?: string;
}

/** The stored volume record (<root>/meta/volumes/<name>.json). */
export interface VolumeRecord {
  Name: string;
  Driver: 'local';
  CreatedAt: string;
  Labels: Record<string, string> | null;
  Options: Record<string, string> | null;
}

/** volume name → full IDs of the containers referencing it; the engine answers from container records. */
export type VolumeRefs = () => Promise<Map<string, string[]>>;
