/**
 * Docker's seccomp profile format (moby/profiles seccomp.Seccomp): OCI LinuxSeccomp plus
 * archMap and conditional rules. An already-OCI profile is a valid instance of it too.
 */
import type { LinuxSeccomp, SeccompAction, SeccompArg } from '../types.js';

export interface SeccompFilter {
  caps?: string[];
  /** libseccomp/Go names: "amd64", "x86", "x32", "arm64", "s390x", ... */
  arches?: string[];
  /** "<kernel>.<major>", e.g. "4.8". */
  minKernel?: string;
}

export interface SeccompRule {
  names?: string[];
  /** Deprecated single-name form still accepted by moby. */
  name?: string;
  action: SeccompAction;
  errnoRet?: number;
  args?: SeccompArg[] | null;
  comment?: string;
  includes?: SeccompFilter;
  excludes?: SeccompFilter;
}

export interface SeccompArchMapEntry {
  architecture: string;
  subArchitectures: string[] | null;
}

export interface SeccompProfile extends Omit<LinuxSeccomp, 'syscalls' | 'defaultAction'> {
  defaultAction?: SeccompAction;
  archMap?: SeccompArchMapEntry[];
  syscalls?: SeccompRule[] | null;
}

/** Host facts the conversion depends on. */
export interface SeccompHost {
  /** The container's bounding capability set. */
  caps: readonly string[];
  /** Node (x64), uname (x86_64) or Go (amd64) architecture name. */
  arch: string;
  /** Kernel release, e.g. "6.18.44". */
  kernel: string;
}

/** What withSeccomp accepts: Docker's builtin profile, none, or a parsed profile. */
export type SeccompChoice = 'default' | 'unconfined' | SeccompProfile;

