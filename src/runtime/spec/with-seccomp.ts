/**
 * Seccomp. Docker converts its profile against the container's final bounding set, so the
 * choice is recorded and re-applied by generateSpec after all options ran; applying it here as
 * well keeps the option meaningful on its own. Privileged containers never get a filter, even
 * with an explicit profile (moby WithSeccomp returns early for them).
 */
import { hostArch, hostKernel } from './host.js';
import { convertSeccompProfile } from './seccomp/convert.js';
import { defaultSeccompProfile } from './seccomp/load.js';
import type { SeccompChoice, SeccompHost } from './seccomp/types.js';
import { stateOf } from './state.js';
import type { RuntimeSpec, SpecOpt } from './types.js';

/** Put the recorded seccomp choice (default: Docker's builtin) into the spec. */
export function applySeccomp(s: RuntimeSpec): void {
  const st = stateOf(s);
  const linux = (s.linux ??= {});
  const choice = st.seccomp ?? 'default';
  if (st.privileged || choice === 'unconfined') {
    delete linux.seccomp;
    return;
  }
  const host: SeccompHost = {
    caps: s.process?.capabilities?.bounding ?? [],
    arch: st.seccompHost?.arch ?? hostArch(),
    kernel: st.seccompHost?.kernel ?? hostKernel(),
  };
  const profile = choice === 'default' ? defaultSeccompProfile() : choice;
  const converted = convertSeccompProfile(profile, host);
  if (converted) linux.seccomp = converted;
  else delete linux.seccomp;
}

/**
 * `--security-opt seccomp=…`: 'default' (docker's "builtin"), 'unconfined', or a parsed
 * profile in Docker or OCI form. `host` pins arch/kernel (tests, cross-arch).
 */
export function withSeccomp(choice: SeccompChoice, host: Partial<Omit<SeccompHost, 'caps'>> = {}): SpecOpt {
  return (s) => {
    const st = stateOf(s);
    st.seccomp = choice;
    st.seccompHost = host;
    applySeccomp(s);
  };
}
