/**
 * Where a process's cgroups live on this host. runc (cgroupfs driver) puts a container at its
 * cgroupsPath under every v1 hierarchy, or under the unified mount on a pure v2 host; hybrid hosts
 * (v1 controllers plus a controller-less unified mount) count as v1. Paths come from the
 * process's own /proc/<pid>/cgroup mapped through the mount's root, so nested setups (an engine
 * inside a container whose cgroup mounts are sub-trees) resolve too.
 */
import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';

export interface CgroupMount {
  /** The cgroup path the mount exposes at its mount point ("/" on a host). */
  root: string;
  mountpoint: string;
  fstype: 'cgroup' | 'cgroup2';
  /** v1 controllers (and name=… hierarchies) of the mount; empty for cgroup2. */
  controllers: string[];
}

/** mountinfo's octal escapes (\040 for a space) in paths. */
const unescape = (s: string) => s.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8)));

export function parseMountinfo(text: string): CgroupMount[] {
  const out: CgroupMount[] = [];
  for (const line of text.split('\n')) {
    const sep = line.indexOf(' - ');
    if (sep < 0) continue;
    const pre = line.slice(0, sep).split(' ');
    const [fstype, , superOpts = ''] = line.slice(sep + 3).split(' ');
    if (fstype !== 'cgroup' && fstype !== 'cgroup2') continue;
    const controllers = fstype === 'cgroup' ? superOpts.split(',').filter((o) => o !== 'rw' && o !== 'ro') : [];
    out.push({ root: unescape(pre[3] ?? '/'), mountpoint: unescape(pre[4] ?? ''), fstype, controllers });
  }
  return out;
}

/** /proc/<pid>/cgroup → controller → path ("" for the unified hierarchy). */
export function parseProcCgroup(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split('\n')) {
    const m = /^\d+:([^:]*):(.*)$/.exec(line);
    if (!m) continue;
    if (m[1] === '') out.set('', m[2]!);
    for (const c of m[1]!.split(',')) if (c) out.set(c, m[2]!);
  }
  return out;
}

export type CgroupLocation =
  | { version: 1; dirs: Partial<Record<'cpu' | 'cpuacct' | 'memory' | 'pids' | 'blkio', string>> }
  | { version: 2; dir: string };

function under(mount: CgroupMount, path: string): string {
  const rel = relative(mount.root, path);
  return rel.startsWith('..') ? join(mount.mountpoint, path) : join(mount.mountpoint, rel);
}

/** Locate the cgroups of `pid` from mountinfo and the process's cgroup file (texts, for tests). */
export function locateFrom(mountinfo: string, procCgroup: string): CgroupLocation {
  const mounts = parseMountinfo(mountinfo);
  const paths = parseProcCgroup(procCgroup);
  const v1 = mounts.filter((m) => m.fstype === 'cgroup');
  if (v1.some((m) => m.controllers.includes('memory'))) {
    const dirs: Record<string, string> = {};
    for (const c of ['cpu', 'cpuacct', 'memory', 'pids', 'blkio'] as const) {
      const mount = v1.find((m) => m.controllers.includes(c));
      const path = paths.get(c);
      if (mount && path !== undefined) dirs[c] = under(mount, path);
    }
    return { version: 1, dirs };
  }
  const unified = mounts.find((m) => m.fstype === 'cgroup2');
  return { version: 2, dir: unified ? under(unified, paths.get('') ?? '/') : join('/sys/fs/cgroup', paths.get('') ?? '/') };
}

export async function locateCgroups(pid: number, procRoot = '/proc'): Promise<CgroupLocation> {
  const [mountinfo, cgroup] = await Promise.all([
    readFile(join(procRoot, 'self', 'mountinfo'), 'utf8'),
    readFile(join(procRoot, String(pid), 'cgroup'), 'utf8'),
  ]);
  return locateFrom(mountinfo, cgroup);
}
