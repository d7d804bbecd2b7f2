/**
 * Decisions that must be applied after every option has run (Docker converts the seccomp
 * profile against the *final* capability set, and privileged disables it whatever else was
 * asked). Kept beside the spec, not in it, so config.json stays pure OCI.
 */
import type { Mount, RuntimeSpec } from './types.js';
import type { SeccompChoice, SeccompHost } from './seccomp/types.js';

export interface SpecState {
  seccomp?: SeccompChoice;
  seccompHost?: Partial<SeccompHost>;
  privileged?: boolean;
}

const states = new WeakMap<RuntimeSpec, SpecState>();
const userMounts = new WeakSet<Mount>();

export function stateOf(s: RuntimeSpec): SpecState {
  let st = states.get(s);
  if (!st) states.set(s, (st = {}));
  return st;
}

/** Mounts added by withMounts/withInit, as opposed to the default filesystem mounts. */
export function markUserMount(m: Mount): Mount {
  userMounts.add(m);
  return m;
}

export function isUserMount(m: Mount): boolean {
  return userMounts.has(m);
}
