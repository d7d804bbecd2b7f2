/**
 * Architecture names. Profile conditions (`includes.arches`) use libseccomp's native names as
 * moby derives them from GOARCH; `archMap` and OCI `architectures` use SCMP_ARCH_* names.
 */

const TO_NATIVE: Record<string, string> = {
  x64: 'amd64', x86_64: 'amd64', amd64: 'amd64',
  ia32: 'x86', x86: 'x86', i386: 'x86', i686: 'x86', '386': 'x86',
  arm64: 'arm64', aarch64: 'arm64', arm: 'arm',
  // Node reports little-endian POWER as "ppc64"; Linux containers there are ppc64le.
  ppc64: 'ppc64le', ppc64le: 'ppc64le', ppc: 'ppc',
  s390x: 's390x', s390: 's390', riscv64: 'riscv64',
  loong64: 'loong64', loongarch64: 'loong64',
  mips64: 'mips64', mips64el: 'mipsel64', mipsel: 'mipsle',
};

const NATIVE_TO_SCMP: Record<string, string> = {
  x86: 'SCMP_ARCH_X86', amd64: 'SCMP_ARCH_X86_64', arm: 'SCMP_ARCH_ARM', arm64: 'SCMP_ARCH_AARCH64',
  // moby maps GOARCH loong64 to "loongarch64", which its own table lacks; we map it through.
  loong64: 'SCMP_ARCH_LOONGARCH64', mips64: 'SCMP_ARCH_MIPS64', mips64n32: 'SCMP_ARCH_MIPS64N32',
  mipsel64: 'SCMP_ARCH_MIPSEL64', mips3l64n32: 'SCMP_ARCH_MIPSEL64N32', mipsle: 'SCMP_ARCH_MIPSEL',
  ppc: 'SCMP_ARCH_PPC', ppc64: 'SCMP_ARCH_PPC64', ppc64le: 'SCMP_ARCH_PPC64LE',
  riscv64: 'SCMP_ARCH_RISCV64', s390: 'SCMP_ARCH_S390', s390x: 'SCMP_ARCH_S390X',
};

/** The libseccomp native name ("amd64") for a Node, uname or Go architecture name. */
export function nativeArch(arch: string): string {
  return TO_NATIVE[arch] ?? arch;
}

/** The SCMP_ARCH_* name for a native name, if libseccomp knows it. */
export function scmpArch(native: string): string | undefined {
  return NATIVE_TO_SCMP[native];
}
