/**
 * User mounts (volumes, binds, tmpfs, the /etc/hosts-style files). As dockerd's WithMounts:
 * a user mount replaces the default mount at the same destination (a user /dev drops every
 * default under /dev/), and user mounts go after the defaults sorted by destination depth
 * (daemon/volumes.go sortMounts), so a parent is mounted before anything nested in it.
 */
import { posix } from 'node:path';
import { invalid } from '../../lib/errors.js';
import { isUserMount, markUserMount } from './state.js';
import type { Mount, SpecOpt } from './types.js';

const clean = (p: string) => posix.normalize(p).replace(/(.)\/+$/, '$1');

/** Number of path components of the cleaned destination ("/" and "/a" are both 1). */
const depth = (m: Mount) => clean(m.destination).split('/').length - 1;

/** Stable sort, fewer components first: /data before /data/sub. */
export function sortMounts(mounts: readonly Mount[]): Mount[] {
  return [...mounts].sort((a, b) => depth(a) - depth(b));
}

export function withMounts(mounts: readonly Mount[]): SpecOpt {
  return (s) => {
    const existing = s.mounts ?? [];
    const users = [...existing.filter(isUserMount), ...mounts.map((m) => markUserMount({ ...m, destination: clean(m.destination) }))];
    const dests = new Set<string>();
    for (const m of users) {
      if (dests.has(m.destination)) throw invalid(`Duplicate mount point: ${m.destination}`);
      dests.add(m.destination);
    }
    const devMounted = dests.has('/dev');
    const defaults = existing.filter(
      (m) => !isUserMount(m) && !dests.has(clean(m.destination)) && !(devMounted && m.destination.startsWith('/dev/')),
    );
    s.mounts = [...defaults, ...sortMounts(users)];
  };
}
