import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CAPABILITIES, bareSpec, convertSeccompProfile, defaultSeccompProfile, generateSpec, isEngineErrorCode,
  parseSeccompProfile, withCapAdd, withPrivileged, withSeccomp, type LinuxSeccomp, type SeccompProfile,
} from './helpers.js';

const x86 = { arch: 'x64', kernel: '6.18.44-fc-v509' };
const convert = (caps: readonly string[], host: { arch: string; kernel: string } = x86) =>
  convertSeccompProfile(defaultSeccompProfile(), { caps, ...host })!;
const allowed = (p: LinuxSeccomp) => p.syscalls!.filter((r) => r.action === 'SCMP_ACT_ALLOW').flatMap((r) => r.names);
const rulesFor = (p: LinuxSeccomp, name: string) => p.syscalls!.filter((r) => r.names.includes(name));

describe('convertSeccompProfile (moby setupSeccomp)', () => {
  it('keeps defaultAction/defaultErrnoRet and picks x86_64 with its sub-arches', () => {
    const p = convert(DEFAULT_CAPABILITIES);
    expect(p.defaultAction).toBe('SCMP_ACT_ERRNO');
    expect(p.defaultErrnoRet).toBe(1);
    expect(p.architectures).toEqual(['SCMP_ARCH_X86_64', 'SCMP_ARCH_X86', 'SCMP_ARCH_X32']);
    expect(convert(DEFAULT_CAPABILITIES, { arch: 'x86_64', kernel: '6.1' }).architectures).toEqual(p.architectures);
    expect(convert(DEFAULT_CAPABILITIES, { arch: 'arm64', kernel: '6.1' }).architectures).toEqual(['SCMP_ARCH_AARCH64', 'SCMP_ARCH_ARM']);
  });

  it('with default caps: no unshare/mount/setns, clone only with flag args, clone3 → ENOSYS', () => {
    const p = convert(DEFAULT_CAPABILITIES);
    for (const n of ['unshare', 'mount', 'setns', 'bpf']) expect(allowed(p)).not.toContain(n);
    const clone = rulesFor(p, 'clone');
    expect(clone).toHaveLength(1);
    expect(clone[0]!.args).toEqual([{ index: 0, value: 2114060288, op: 'SCMP_CMP_MASKED_EQ' }]);
    expect(rulesFor(p, 'clone3')).toEqual([{ names: ['clone3'], action: 'SCMP_ACT_ERRNO', errnoRet: 38 }]);
  });

  it('with CAP_SYS_ADMIN: unshare and clone3 allowed, the cap-excluded rules gone', () => {
    const p = convert([...DEFAULT_CAPABILITIES, 'CAP_SYS_ADMIN']);
    expect(allowed(p)).toEqual(expect.arrayContaining(['unshare', 'mount', 'setns', 'clone', 'clone3']));
    expect(p.syscalls!.some((r) => r.action === 'SCMP_ACT_ERRNO' && r.names.includes('clone3'))).toBe(false);
    expect(rulesFor(p, 'clone').every((r) => !r.args)).toBe(true);
  });

  it('keeps the personality argument rules and drops comments and conditions', () => {
    const p = convert(DEFAULT_CAPABILITIES);
    const pers = rulesFor(p, 'personality').map((r) => r.args![0]!.value);
    expect(pers).toEqual([0, 8, 131072, 131080, 4294967295]);
    for (const r of p.syscalls!) expect(Object.keys(r).every((k) => ['names', 'action', 'errnoRet', 'args'].includes(k))).toBe(true);
  });

  it('applies arch conditions: arch_prctl on amd64, s390 clone variant never on x86', () => {
    const p = convert(DEFAULT_CAPABILITIES);
    expect(allowed(p)).toContain('arch_prctl');
    expect(allowed(p)).not.toContain('s390_runtime_instr');
    expect(rulesFor(p, 'clone').some((r) => r.args?.[0]?.index === 1)).toBe(false);
    expect(allowed(convert(DEFAULT_CAPABILITIES, { arch: 's390x', kernel: '6.1' }))).toContain('s390_runtime_instr');
  });

  it('applies minKernel: ptrace needs 4.8', () => {
    expect(allowed(convert(DEFAULT_CAPABILITIES))).toContain('ptrace');
    expect(allowed(convert(DEFAULT_CAPABILITIES, { arch: 'x64', kernel: '4.4.0-generic' }))).not.toContain('ptrace');
  });

  it('accepts an OCI-form profile and the legacy single name', () => {
    const oci: SeccompProfile = {
      defaultAction: 'SCMP_ACT_ALLOW', architectures: ['SCMP_ARCH_X86_64'],
      syscalls: [{ names: ['chmod'], action: 'SCMP_ACT_ERRNO' }, { name: 'mkdir', action: 'SCMP_ACT_ERRNO', errnoRet: 13 }],
    };
    expect(convertSeccompProfile(oci, { caps: [], ...x86 })).toEqual({
      defaultAction: 'SCMP_ACT_ALLOW', architectures: ['SCMP_ARCH_X86_64'],
      syscalls: [{ names: ['chmod'], action: 'SCMP_ACT_ERRNO' }, { names: ['mkdir'], action: 'SCMP_ACT_ERRNO', errnoRet: 13 }],
    });
  });

  it('rejects contradictory profiles; an empty one means no seccomp', () => {
    const both = { defaultAction: 'SCMP_ACT_ALLOW', architectures: ['x'], archMap: [{ architecture: 'x', subArchitectures: null }] } as SeccompProfile;
    expect(isEngineErrorCode(() => convertSeccompProfile(both, { caps: [], ...x86 }))).toBe('INVALID_ARGUMENT');
    expect(convertSeccompProfile({}, { caps: [], ...x86 })).toBeUndefined();
    expect(() => parseSeccompProfile('{nope')).toThrow(/^Decoding seccomp profile failed/);
  });
});

describe('withSeccomp', () => {
  it('unconfined removes the filter, on a bare spec and in generateSpec', () => {
    const s = bareSpec();
    withSeccomp('default', x86)(s);
    expect(s.linux!.seccomp).toBeDefined();
    withSeccomp('unconfined')(s);
    expect(s.linux!.seccomp).toBeUndefined();
    expect(generateSpec(withSeccomp('unconfined')).linux!.seccomp).toBeUndefined();
  });

  it('is re-converted against caps added after it', () => {
    const s = generateSpec(withSeccomp('default', x86), withCapAdd(['SYS_ADMIN'], ['CAP_SYS_ADMIN']));
    expect(allowed(s.linux!.seccomp!)).toContain('unshare');
  });

  it('a custom profile is converted; privileged ignores it', () => {
    const custom: SeccompProfile = { defaultAction: 'SCMP_ACT_ALLOW', syscalls: [{ names: ['chmod'], action: 'SCMP_ACT_ERRNO' }] };
    expect(generateSpec(withSeccomp(custom)).linux!.seccomp!.syscalls).toEqual([{ names: ['chmod'], action: 'SCMP_ACT_ERRNO' }]);
    const priv = generateSpec(withSeccomp(custom), withPrivileged({ caps: ['CAP_CHOWN'], devices: [] }));
    expect(priv.linux!.seccomp).toBeUndefined();
  });
});
