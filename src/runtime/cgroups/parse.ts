/** Parsers for the kernel's cgroup and /proc text formats (pure, so unit tests need no host). */
import type { BlkioStatEntryJSON, NetworkStatsJSON } from '../../types/container-ops.js';

/** "key value" lines (memory.stat, cpu.stat, cpuacct.stat) → numbers. */
export function parseFlatKeyed(text: string | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const line of (text ?? '').split('\n')) {
    const [k, v] = line.trim().split(/\s+/);
    if (k && v !== undefined && /^-?\d+$/.test(v)) out[k] = Number(v);
  }
  return out;
}

/** A single-number file; "max" (v2, pids.max) and missing files give undefined. */
export function parseNumber(text: string | undefined): number | undefined {
  const t = text?.trim();
  return t && /^\d+$/.test(t) ? Number(t) : undefined;
}

/** cpuacct.usage_percpu: space-separated ns per CPU. */
export function parseList(text: string | undefined): number[] {
  return (text ?? '').trim().split(/\s+/).filter((v) => /^\d+$/.test(v)).map(Number);
}

/** v1 blkio files: "8:0 Read 4096" lines; the "Total N" line has no device and is skipped (containerd's parser). */
export function parseBlkio(text: string | undefined): BlkioStatEntryJSON[] {
  const out: BlkioStatEntryJSON[] = [];
  for (const line of (text ?? '').split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f.length !== 3) continue;
    const dev = /^(\d+):(\d+)$/.exec(f[0]!);
    if (!dev || !/^\d+$/.test(f[2]!)) continue;
    out.push({ major: Number(dev[1]), minor: Number(dev[2]), op: f[1]!, value: Number(f[2]) });
  }
  return out;
}

/** v2 io.stat: "8:0 rbytes=1 wbytes=2 rios=3 wios=4 …" → docker's read/write entries (statsV2). */
export function parseIoStat(text: string | undefined): { bytes: BlkioStatEntryJSON[]; ios: BlkioStatEntryJSON[] } {
  const bytes: BlkioStatEntryJSON[] = [];
  const ios: BlkioStatEntryJSON[] = [];
  for (const line of (text ?? '').split('\n')) {
    const [devText, ...kv] = line.trim().split(/\s+/);
    const dev = /^(\d+):(\d+)$/.exec(devText ?? '');
    if (!dev) continue;
    const v = Object.fromEntries(kv.map((p) => p.split('=')).map(([k, n]) => [k, Number(n) || 0]));
    const base = { major: Number(dev[1]), minor: Number(dev[2]) };
    bytes.push({ ...base, op: 'read', value: v.rbytes ?? 0 }, { ...base, op: 'write', value: v.wbytes ?? 0 });
    ios.push({ ...base, op: 'read', value: v.rios ?? 0 }, { ...base, op: 'write', value: v.wios ?? 0 });
  }
  return { bytes, ios };
}

/** /proc/<pid>/net/dev → per-interface counters; loopback is left out, as docker's sandbox statistics do. */
export function parseNetDev(text: string): Record<string, NetworkStatsJSON> {
  const out: Record<string, NetworkStatsJSON> = {};
  for (const line of text.split('\n').slice(2)) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const name = line.slice(0, colon).trim();
    const n = line.slice(colon + 1).trim().split(/\s+/).map(Number);
    if (name === 'lo' || n.length < 16) continue;
    out[name] = {
      rx_bytes: n[0]!, rx_packets: n[1]!, rx_errors: n[2]!, rx_dropped: n[3]!,
      tx_bytes: n[8]!, tx_packets: n[9]!, tx_errors: n[10]!, tx_dropped: n[11]!,
    };
  }
  return out;
}

const CLOCK_TICKS = 100; // sysconf(_SC_CLK_TCK) is 100 on Linux; dockerd hard-codes it too
const NS = 1e9;

/**
 * /proc/stat → host CPU time in ns (user..softirq of the "cpu" line, as dockerd's
 * readSystemCPUUsage sums fields 1–7) and the number of CPUs listed.
 */
export function parseProcStat(text: string): { systemUsage: number; onlineCpus: number } {
  let systemUsage = 0;
  let onlineCpus = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith('cpu')) break;
    if (line[3] === ' ') {
      const ticks = line.split(/\s+/).slice(1, 8).reduce((n, v) => n + Number(v), 0);
      systemUsage = (ticks * NS) / CLOCK_TICKS;
    } else if (/^cpu\d/.test(line)) {
      onlineCpus++;
    }
  }
  return { systemUsage, onlineCpus };
}

/** cpuacct.stat's user/system ticks → ns (containerd's conversion). */
export const ticksToNs = (ticks: number | undefined) => ((ticks ?? 0) * NS) / CLOCK_TICKS;
