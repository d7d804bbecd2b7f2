/**
 * Docker profile → OCI linux.seccomp, rule for rule as moby/profiles seccomp setupSeccomp:
 * keep a rule only if its includes hold and its excludes do not, for this container's
 * bounding caps, the host architecture and the running kernel.
 */
import { invalid } from '../../../lib/errors.js';
import type { LinuxSeccomp, LinuxSyscall } from '../types.js';
import { nativeArch, scmpArch } from './arch.js';
import type { SeccompFilter, SeccompHost, SeccompProfile, SeccompRule } from './types.js';

type Version = [number, number];

function parseRelease(release: string): Version {
  const m = /^(\d+)\.(\d+)/.exec(release);
  if (!m) throw invalid(`failed to parse kernel version "${release}"`);
  return [Number(m[1]), Number(m[2])];
}

function parseMinKernel(v: string): Version {
  const m = /^(\d+)\.(\d+)$/.exec(v);
  if (!m || (m[1] === '0' && m[2] === '0')) throw invalid(`invalid kernel version: "${v}", expected "<kernel>.<major>"`);
  return [Number(m[1]), Number(m[2])];
}

/** Only kernel and major count: 3.12.25-gentoo equals 3.12. */
const atLeast = (kv: Version, min: Version) => kv[0] > min[0] || (kv[0] === min[0] && kv[1] >= min[1]);

/** Does the filter's condition hold? Empty fields are no condition; `any` picks excludes' OR. */
function matches(f: SeccompFilter, arch: string, caps: readonly string[], kv: Version, any: boolean): boolean {
  const checks: boolean[] = [];
  if (f.arches?.length) checks.push(f.arches.includes(arch));
  if (f.caps?.length) checks.push(any ? f.caps.some((c) => caps.includes(c)) : f.caps.every((c) => caps.includes(c)));
  if (f.minKernel) checks.push(atLeast(kv, parseMinKernel(f.minKernel)));
  return any ? checks.some(Boolean) : checks.every(Boolean);
}

function toSyscall(rule: SeccompRule): LinuxSyscall {
  if (rule.name && rule.names?.length) {
    throw invalid("both 'name' and 'names' are specified in the seccomp profile, use either 'name' or 'names'");
  }
  const out: LinuxSyscall = { names: rule.name ? [rule.name] : [...(rule.names ?? [])], action: rule.action };
  if (rule.errnoRet !== undefined) out.errnoRet = rule.errnoRet;
  if (rule.args?.length) out.args = rule.args.map((a) => ({ ...a }));
  return out;
}

/** Returns undefined for a profile that disables seccomp (no defaultAction and no rules). */
export function convertSeccompProfile(profile: SeccompProfile, host: SeccompHost): LinuxSeccomp | undefined {
  const rules = profile.syscalls ?? [];
  if (!profile.defaultAction && rules.length === 0) return undefined;
  if (!profile.defaultAction) throw invalid('seccomp profile has syscall rules but no defaultAction');
  if (profile.architectures?.length && profile.archMap?.length) {
    throw invalid("both 'architectures' and 'archMap' are specified in the seccomp profile, use either 'architectures' or 'archMap'");
  }
  const arch = nativeArch(host.arch);
  const kv = parseRelease(host.kernel);
  const out: LinuxSeccomp = { defaultAction: profile.defaultAction };
  if (profile.defaultErrnoRet !== undefined) out.defaultErrnoRet = profile.defaultErrnoRet;
  const archs = [...(profile.architectures ?? [])];
  const entry = profile.archMap?.find((a) => a.architecture === scmpArch(arch));
  if (entry) archs.push(entry.architecture, ...(entry.subArchitectures ?? []));
  if (archs.length) out.architectures = archs;
  if (profile.flags?.length) out.flags = [...profile.flags];
  if (profile.listenerPath) out.listenerPath = profile.listenerPath;
  if (profile.listenerMetadata) out.listenerMetadata = profile.listenerMetadata;
  const syscalls: LinuxSyscall[] = [];
  for (const rule of rules) {
    const sc = toSyscall(rule);
    if (rule.excludes && matches(rule.excludes, arch, host.caps, kv, true)) continue;
    if (rule.includes && !matches(rule.includes, arch, host.caps, kv, false)) continue;
    syscalls.push(sc);
  }
  out.syscalls = syscalls;
  return out;
}
