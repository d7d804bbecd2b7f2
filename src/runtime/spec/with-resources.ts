/**
 * Resource limits with dockerd's validation and defaults (daemon_unix.go
 * verifyPlatformContainerResources / adaptContainerSettings, oci_linux.go get*Resources).
 * Bytes for memory; cpus is --cpus (fractional CPUs); 0/undefined means "not set".
 */
import { invalid } from '../../lib/errors.js';
import { hostCpuCount } from './host.js';
import type { LinuxResources, SpecOpt } from './types.js';
import { ensureLinux } from './process.js';

export interface ResourceLimits {
  memory?: number;
  /** Memory + swap; -1 = unlimited swap; unset with memory = twice memory (docker's default). */
  memorySwap?: number;
  cpus?: number;
  cpuShares?: number;
  /** <= 0 = unlimited. */
  pidsLimit?: number;
}

const MIN_MEMORY = 6 * 1024 * 1024;
const CPU_PERIOD = 100_000;
const [MIN_SHARES, MAX_SHARES] = [2, 262_144];

function validate(r: ResourceLimits, ncpu: number): void {
  const mem = r.memory ?? 0;
  const swap = r.memorySwap ?? 0;
  if (mem !== 0 && mem < MIN_MEMORY) throw invalid('Minimum memory limit allowed is 6MB');
  if (mem > 0 && swap > 0 && swap < mem) {
    throw invalid('Minimum memoryswap limit should be larger than memory limit, see usage');
  }
  if (mem === 0 && swap > 0) {
    throw invalid('You should always set the Memory limit when using Memoryswap limit, see usage');
  }
  const nano = Math.round((r.cpus ?? 0) * 1e9);
  if (nano < 0 || nano > ncpu * 1e9) {
    throw invalid(`Range of CPUs is from 0.01 to ${ncpu}.00, as there are only ${ncpu} CPUs available`);
  }
}

export function withResources(r: ResourceLimits, host: { cpus?: number } = {}): SpecOpt {
  validate(r, host.cpus ?? hostCpuCount());
  return (s) => {
    const res: LinuxResources = (ensureLinux(s).resources ??= {});
    const mem = r.memory ?? 0;
    if (mem > 0) {
      const swap = r.memorySwap === undefined || r.memorySwap === 0 ? mem * 2 : r.memorySwap;
      res.memory = { ...res.memory, limit: mem };
      // docker only writes swap when positive; -1 leaves the cgroup default (unlimited).
      if (swap > 0) res.memory.swap = swap;
      else delete res.memory.swap;
    }
    const nano = Math.round((r.cpus ?? 0) * 1e9);
    if (nano > 0) {
      res.cpu = { ...res.cpu, period: CPU_PERIOD, quota: Math.floor((nano * CPU_PERIOD) / 1e9) };
    }
    if (r.cpuShares !== undefined && r.cpuShares !== 0) {
      // dockerd clamps rather than rejects out-of-range shares.
      res.cpu = { ...res.cpu, shares: Math.min(Math.max(r.cpuShares, MIN_SHARES), MAX_SHARES) };
    }
    if (r.pidsLimit !== undefined) res.pids = { limit: r.pidsLimit > 0 ? r.pidsLimit : -1 };
  };
}
