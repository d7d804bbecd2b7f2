/**
 * Linux capability names and Docker's --cap-add/--cap-drop arithmetic
 * (docker/cli opts.EffectiveCapAddCapDrop, then moby oci/caps TweakCapabilities).
 */
import { invalid } from '../../lib/errors.js';

/** Every capability the kernel defines, indexed by its number (CAP_LAST_CAP = 40 on 6.x kernels). */
export const KNOWN_CAPABILITIES: readonly string[] = [
  'CAP_CHOWN', 'CAP_DAC_OVERRIDE', 'CAP_DAC_READ_SEARCH', 'CAP_FOWNER', 'CAP_FSETID', 'CAP_KILL',
  'CAP_SETGID', 'CAP_SETUID', 'CAP_SETPCAP', 'CAP_LINUX_IMMUTABLE', 'CAP_NET_BIND_SERVICE',
  'CAP_NET_BROADCAST', 'CAP_NET_ADMIN', 'CAP_NET_RAW', 'CAP_IPC_LOCK', 'CAP_IPC_OWNER',
  'CAP_SYS_MODULE', 'CAP_SYS_RAWIO', 'CAP_SYS_CHROOT', 'CAP_SYS_PTRACE', 'CAP_SYS_PACCT',
  'CAP_SYS_ADMIN', 'CAP_SYS_BOOT', 'CAP_SYS_NICE', 'CAP_SYS_RESOURCE', 'CAP_SYS_TIME',
  'CAP_SYS_TTY_CONFIG', 'CAP_MKNOD', 'CAP_LEASE', 'CAP_AUDIT_WRITE', 'CAP_AUDIT_CONTROL',
  'CAP_SETFCAP', 'CAP_MAC_OVERRIDE', 'CAP_MAC_ADMIN', 'CAP_SYSLOG', 'CAP_WAKE_ALARM',
  'CAP_BLOCK_SUSPEND', 'CAP_AUDIT_READ', 'CAP_PERFMON', 'CAP_BPF', 'CAP_CHECKPOINT_RESTORE',
];

/** Docker's 14 default capabilities, in moby's order (oci/caps/defaults.go). */
export const DEFAULT_CAPABILITIES: readonly string[] = [
  'CAP_CHOWN', 'CAP_DAC_OVERRIDE', 'CAP_FSETID', 'CAP_FOWNER', 'CAP_MKNOD', 'CAP_NET_RAW',
  'CAP_SETGID', 'CAP_SETUID', 'CAP_SETFCAP', 'CAP_SETPCAP', 'CAP_NET_BIND_SERVICE',
  'CAP_SYS_CHROOT', 'CAP_KILL', 'CAP_AUDIT_WRITE',
];

const ALL = 'ALL';

/** Capability names set in a /proc/<pid>/status hex mask (e.g. CapEff), in number order. */
export function capsFromMask(hex: string): string[] {
  const mask = BigInt(`0x${hex.trim()}`);
  return KNOWN_CAPABILITIES.filter((_, bit) => (mask >> BigInt(bit)) & 1n);
}

/** Upper-case and add the CAP_ prefix, as the docker CLI does before sending the lists. */
function normalizeName(c: string): string {
  const up = c.trim().toUpperCase();
  return up === ALL || up.startsWith('CAP_') ? up : `CAP_${up}`;
}

/**
 * The daemon's validation: a name must be a known capability and available to the engine
 * (moby filters by the engine's own capabilities so e.g. docker-in-docker works).
 */
function validate(names: string[], available: readonly string[]): void {
  for (const c of names) {
    if (c === ALL) continue;
    if (!KNOWN_CAPABILITIES.includes(c)) throw invalid(`unknown capability: "${c}"`);
    if (!available.includes(c)) {
      throw invalid(`capability not supported by your kernel or not available in the current environment: "${c}"`);
    }
  }
}

/**
 * The final capability list for a container from its current set plus --cap-add/--cap-drop.
 * CLI rules: drop ALL beats add ALL; a cap both added and dropped is added.
 * Daemon rules: add ALL = every available cap minus drops; drop ALL = only the adds.
 */
export function tweakCapabilities(
  basics: readonly string[],
  add: readonly string[],
  drop: readonly string[],
  available: readonly string[],
): string[] {
  let adds = [...new Set(add.map(normalizeName))];
  let drops = [...new Set(drop.map(normalizeName))];
  if (adds.includes(ALL) && drops.includes(ALL)) adds = adds.filter((c) => c !== ALL);
  drops = drops.filter((c) => !adds.includes(c));
  if (adds.length === 0 && drops.length === 0) return [...basics];
  validate(drops, available);
  validate(adds, available);
  let caps: string[];
  if (adds.includes(ALL)) caps = available.filter((c) => !drops.includes(c));
  else if (drops.includes(ALL)) caps = adds;
  else caps = [...basics.filter((c) => !drops.includes(c)), ...adds];
  // moby can emit a cap twice (default + added); runc does not mind, but keep config.json tidy.
  return [...new Set(caps)];
}
