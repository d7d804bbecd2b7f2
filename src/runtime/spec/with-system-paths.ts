/** --security-opt systempaths=unconfined: no masked or read-only /proc and /sys paths. */
import type { SpecOpt } from './types.js';
import { ensureLinux } from './process.js';

export function withSystemPathsUnconfined(): SpecOpt {
  return (s) => {
    const linux = ensureLinux(s);
    linux.maskedPaths = [];
    linux.readonlyPaths = [];
  };
}
