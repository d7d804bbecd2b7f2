/** Record shapes kept under <root>/meta. Content lives in blobs; records only point at it. */
import type { Digest } from '../../oci/digest.js';

export interface ImageRecord {
  /** Image ID = config digest, as docker. */
  id: Digest;
  manifest: Digest;
  manifestMediaType: string;
  /** Parent image ID (builder and commit chains), '' when none. */
  parent: string;
  /** When the image entered this store (ISO). */
  added: string;
  lastTagTime?: string;
  /** name@sha256:<manifest digest> once pushed or pulled. */
  repoDigests: string[];
  /** Unpacked size: sum of the image's layer snapshot sizes. */
  size: number;
}

/** Keeps in-flight content from GC while an operation has not yet published its records. */
export interface LeaseRecord {
  id: string;
  pid: number;
  created: string;
  blobs: Digest[];
  snapshots: Digest[];
}
