/**
 * generateSpec: Docker's default spec, then the caller's options in order, then the steps
 * Docker runs last because they depend on the rest (seccomp against the final caps).
 */
import { defaultSpec } from './defaults.js';
import { thermalThrottlePaths } from './host.js';
import type { RuntimeSpec, SpecOpt } from './types.js';
import { applySeccomp } from './with-seccomp.js';

export function generateSpec(...opts: SpecOpt[]): RuntimeSpec {
  const s = defaultSpec(thermalThrottlePaths());
  for (const opt of opts) opt(s);
  applySeccomp(s);
  return s;
}
