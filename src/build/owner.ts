/**
 * Which build process owns an intermediate container or temp dir: "<pid>:<start time>" (the
 * start time from /proc/<pid>/stat, so a recycled pid does not count as the same process).
 * A later build removes what dead owners left behind (kill -9 in the middle of a RUN).
 */
import { readFileSync } from 'node:fs';

export const BUILD_LABEL = 'berth.build';
export const OWNER_LABEL = 'berth.build.owner';

function startTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // the command name (field 2) may hold spaces and parentheses: count from the last ")"
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

export function ownerToken(pid = process.pid): string {
  return `${pid}:${startTime(pid) ?? '0'}`;
}

export function ownerAlive(token: string | undefined): boolean {
  const m = /^(\d+):(\d+)$/.exec(token ?? '');
  if (!m) return false;
  return startTime(Number(m[1])) === m[2];
}
