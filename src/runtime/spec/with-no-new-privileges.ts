/** --security-opt no-new-privileges; Docker leaves it off by default. */
import type { SpecOpt } from './types.js';
import { ensureProcess } from './process.js';

export function withNoNewPrivileges(on = true): SpecOpt {
  return (s) => {
    ensureProcess(s).noNewPrivileges = on;
  };
}
