/**
 * --init: bind-mount a static tini read-only at /sbin/docker-init and run the command under it,
 * exactly where dockerd puts its docker-init. Debian's tini package ships /usr/bin/tini-static
 * (statically linked, so it runs in any rootfs).
 */
import { markUserMount } from './state.js';
import type { SpecOpt } from './types.js';
import { ensureProcess } from './process.js';

export const INIT_PATH_IN_CONTAINER = '/sbin/docker-init';
export const DEFAULT_INIT_BINARY = '/usr/bin/tini-static';

export function withInit(initPath: string = DEFAULT_INIT_BINARY): SpecOpt {
  return (s) => {
    const p = ensureProcess(s);
    p.args = [INIT_PATH_IN_CONTAINER, '--', ...(p.args ?? [])];
    const mounts = (s.mounts ?? []).filter((m) => m.destination !== INIT_PATH_IN_CONTAINER);
    mounts.push(markUserMount({ destination: INIT_PATH_IN_CONTAINER, type: 'bind', source: initPath, options: ['bind', 'ro'] }));
    s.mounts = mounts;
  };
}
