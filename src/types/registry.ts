/**
 * Registry data shapes shared by the engine and its surfaces: pull/push progress as docker's JSON
 * message stream carries it, credentials as docker's AuthConfig, and the operations' results.
 */

/**
 * One line of docker's pull/push progress stream (moby pkg/jsonmessage), in stream order. The API
 * server turns each into `{"status","id","progressDetail"}` (plus `aux`) unchanged; the CLI renders
 * them as docker's jsonmessage display does.
 */
export interface ProgressEvent {
  /** Layer short ID (12 hex) on per-layer lines; the tag on "Pulling from …"; '' on image-level lines. */
  id: string;
  /** docker's text: "Pulling fs layer", "Downloading", "Pull complete", "Digest: sha256:…", … */
  status: string;
  /**
   * Set on per-layer lines: docker sends those with a `progressDetail` (`{}` when there are no
   * numbers), so a terminal redraws them in place and a pipe skips the ones with numbers.
   */
  layer?: boolean;
  /** Bytes done and expected (Downloading, Pushing). */
  current?: number;
  total?: number;
  /** push's final record, docker's `{"aux":{"Tag","Digest","Size"}}` (no text is printed for it). */
  aux?: { Tag: string; Digest: string; Size: number };
}

/** docker's AuthConfig (X-Registry-Auth), as far as a registry client uses it. */
export interface RegistryAuth {
  username?: string;
  password?: string;
  /** OAuth refresh token from a previous login. */
  identitytoken?: string;
  /** A bearer token to send as is. */
  registrytoken?: string;
  serveraddress?: string;
}

export interface PullOptions {
  /** Credentials; when absent they come from the docker config file (DOCKER_CONFIG honoured). */
  auth?: RegistryAuth;
  /** `os/arch[/variant]`; linux/amd64 by default. */
  platform?: string;
  /** Pull every tag of the repository (`pull -a`); the reference must then be a bare name. */
  allTags?: boolean;
  onProgress?: (e: ProgressEvent) => void;
  signal?: AbortSignal;
}

export interface PullResult {
  /** Image ID (config digest) of the last image pulled. */
  id: string;
  /** What docker prints last: docker.io/library/busybox:latest (or the bare name with -a). */
  reference: string;
  /** true when anything new was stored or tagged ("Downloaded newer image"). */
  updated: boolean;
}

export interface PushOptions {
  auth?: RegistryAuth;
  /** Push every local tag of the repository (`push -a`); the reference must then be a bare name. */
  allTags?: boolean;
  onProgress?: (e: ProgressEvent) => void;
  signal?: AbortSignal;
}

export interface PushResult {
  /** One entry per tag pushed: docker's aux record. */
  pushed: { Tag: string; Digest: string; Size: number }[];
  /** What `push -q` prints: the canonical reference pushed. */
  reference: string;
}

export interface LoginResult {
  /** "Login Succeeded". */
  Status: string;
  IdentityToken?: string;
  /** Set when the password went to the config file in plain text: the file's path, for docker's warning. */
  storedUnencrypted?: string;
}
