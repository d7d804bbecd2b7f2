/**
 * --ulimit / daemon default-ulimits. Docker writes no rlimits otherwise, so a container inherits
 * the limits of the runc process (here, whatever launched berth). Raising a hard limit above
 * the engine's own needs CAP_SYS_RESOURCE in the engine, which some hosts withhold.
 */
import { invalid } from '../../lib/errors.js';
import type { SpecOpt } from './types.js';
import { ensureProcess } from './process.js';

/** The names docker's go-units ParseUlimit accepts. */
export const ULIMIT_NAMES: readonly string[] = [
  'core', 'cpu', 'data', 'fsize', 'locks', 'memlock', 'msgqueue', 'nice', 'nofile', 'nproc',
  'rss', 'rtprio', 'rttime', 'sigpending', 'stack',
];

export interface Ulimit { name: string; soft: number; hard: number }

export function withRlimits(ulimits: readonly Ulimit[]): SpecOpt {
  for (const u of ulimits) {
    if (!ULIMIT_NAMES.includes(u.name)) throw invalid(`invalid ulimit type: ${u.name}`);
    if (u.soft > u.hard) throw invalid(`ulimit soft limit must be less than or equal to hard limit: ${u.soft} > ${u.hard}`);
  }
  return (s) => {
    const p = ensureProcess(s);
    const seen = new Set<string>();
    // First entry per name wins, as in dockerd's setRlimits.
    const list = ulimits.filter((u) => !seen.has(u.name) && seen.add(u.name));
    p.rlimits = list.map((u) => ({ type: `RLIMIT_${u.name.toUpperCase()}`, soft: u.soft, hard: u.hard }));
  };
}
