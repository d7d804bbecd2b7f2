/**
 * Facts about the host that Docker's spec generation depends on. Each is read lazily on first
 * use and cached, so importing the module does no I/O; every option that uses one also takes
 * an explicit value so unit tests never depend on the machine they run on.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { release, availableParallelism } from 'node:os';
import { capsFromMask, KNOWN_CAPABILITIES } from './capabilities.js';

let caps: string[] | undefined;
let thermal: string[] | undefined;

/**
 * Capabilities the engine itself holds (CapEff), which is what moby offers for --privileged and
 * --cap-add ALL. On hosts that withhold some (the development host lacks CAP_SYS_RESOURCE),
 * asking runc for a missing one would fail container start.
 */
export function hostCapabilities(): string[] {
  if (caps) return caps;
  try {
    const line = readFileSync('/proc/self/status', 'utf8').split('\n').find((l) => l.startsWith('CapEff:'));
    caps = line ? capsFromMask(line.slice('CapEff:'.length)) : [...KNOWN_CAPABILITIES];
  } catch {
    caps = [...KNOWN_CAPABILITIES];
  }
  return caps;
}

/** Kernel release string, e.g. "6.18.44-fc-v509" (uname -r). */
export function hostKernel(): string {
  return release();
}

/** Node's process.arch; the seccomp converter maps it to libseccomp names. */
export function hostArch(): string {
  return process.arch;
}

/** CPUs usable by this process (sched_getaffinity), as Go's runtime.NumCPU reports for dockerd. */
export function hostCpuCount(): number {
  return availableParallelism();
}

/** /sys/devices/system/cpu/cpu<N>/thermal_throttle dirs, which moby adds to maskedPaths. */
export function thermalThrottlePaths(): string[] {
  if (thermal) return thermal;
  const base = '/sys/devices/system/cpu';
  try {
    thermal = readdirSync(base)
      .filter((n) => /^cpu\d+$/.test(n))
      .map((n) => `${base}/${n}/thermal_throttle`)
      .filter((p) => existsSync(p));
  } catch {
    thermal = [];
  }
  return thermal;
}
