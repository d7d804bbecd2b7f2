/** --shm-size: resize the default /dev/shm tmpfs (dockerd's default is 64 MiB). */
import { invalid } from '../../lib/errors.js';
import { DEFAULT_SHM_SIZE } from './defaults.js';
import type { SpecOpt } from './types.js';

export function withShmSize(bytes: number): SpecOpt {
  if (!Number.isSafeInteger(bytes) || bytes < 0) throw invalid('SHM size can not be less than 0');
  return (s) => {
    const shm = s.mounts?.find((m) => m.destination === '/dev/shm' && m.type === 'tmpfs');
    if (!shm) return;
    // 0 means "use the default", as in the API.
    const size = `size=${bytes || DEFAULT_SHM_SIZE}`;
    shm.options = [...(shm.options ?? []).filter((o) => !o.startsWith('size=')), size];
  };
}
