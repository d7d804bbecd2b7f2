/**
 * --read-only. Docker also adds "ro" to default mounts that are not /proc, /dev, /dev/pts,
 * /dev/shm or /dev/mqueue; the only others are /sys and /sys/fs/cgroup, already read-only, so
 * the root flag is all that changes. (The /etc/hosts-style files are the engine's to mark ro.)
 */
import type { SpecOpt } from './types.js';

export function withReadonlyRootfs(readonly = true): SpecOpt {
  return (s) => {
    s.root = { path: s.root?.path ?? 'rootfs', readonly };
  };
}
