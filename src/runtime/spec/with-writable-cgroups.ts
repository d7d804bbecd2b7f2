/** --security-opt writable-cgroups=true: mount /sys/fs/cgroup read-write. */
import type { SpecOpt } from './types.js';

export function withWritableCgroups(on = true): SpecOpt {
  return (s) => {
    for (const m of s.mounts ?? []) {
      if (m.type !== 'cgroup') continue;
      const opts = (m.options ?? []).filter((o) => o !== 'ro' && o !== 'rw');
      m.options = on ? opts : ['ro', ...opts];
    }
  };
}
