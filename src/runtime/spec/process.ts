/** Options may run on a bare spec (tests, callers building from scratch): create what they edit. */
import type { Linux, Process, RuntimeSpec } from './types.js';

export function ensureProcess(s: RuntimeSpec): Process {
  return (s.process ??= { user: { uid: 0, gid: 0 }, cwd: '/' });
}

export function ensureLinux(s: RuntimeSpec): Linux {
  return (s.linux ??= {});
}
