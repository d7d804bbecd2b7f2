/** Shapes of runc's JSON output (runc 1.1: `state`, `list --format json`, `events --stats`). */

export type RuncStatus = 'creating' | 'created' | 'running' | 'paused' | 'stopped';

/** `runc state <id>`. `pid` is 0 once the container has stopped. */
export interface RuncState {
  ociVersion: string;
  id: string;
  pid: number;
  status: RuncStatus;
  bundle: string;
  rootfs: string;
  /** RFC 3339 with nanoseconds, UTC. */
  created: string;
  owner: string;
  annotations?: Record<string, string>;
}

/** `runc events --stats <id>` `data`: cgroup statistics (fields vary by cgroup version). */
export interface RuncStats {
  cpu?: {
    usage?: { total?: number; percpu?: number[]; kernel?: number; user?: number };
    throttling?: { periods?: number; throttledPeriods?: number; throttledTime?: number };
  };
  memory?: {
    cache?: number;
    usage?: { limit?: number; usage?: number; max?: number; failcnt?: number };
    swap?: { limit?: number; usage?: number; max?: number; failcnt?: number };
    stats?: Record<string, number>;
  };
  pids?: { current?: number; limit?: number };
  blkio?: Record<string, unknown>;
  network_interfaces?: Array<Record<string, unknown>>;
  [key: string]: unknown;
}

export interface RuncExecOptions {
  /** Path to a runtime-spec `process` JSON (runc exec --process); else `args` is used. */
  processPath?: string;
  args?: string[];
  /** Allocate a pty (runc exec --tty): the caller's stdio must then be a terminal (e.g. node-pty). */
  tty?: boolean;
  env?: string[];
  cwd?: string;
  /** "uid[:gid]" */
  user?: string;
  /** runc exec --detach: returns once the process started; pair with pidFile. */
  detach?: boolean;
  pidFile?: string;
  /** @default ['pipe', 'pipe', 'pipe'] */
  stdio?: Array<'pipe' | 'inherit' | 'ignore' | number>;
}
