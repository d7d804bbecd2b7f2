/**
 * Host device nodes for --privileged, like containerd's oci.HostDevices (which moby uses):
 * every char/block node under /dev except the per-container trees (pts, shm, fd, mqueue) and
 * /dev/console, which runc sets up itself.
 */
import { readdirSync, lstatSync } from 'node:fs';
import { join } from 'node:path';
import type { LinuxDevice } from './types.js';

const SKIP_DIRS = new Set(['pts', 'shm', 'fd', 'mqueue', '.lxc', '.lxd-mounts', '.udev']);

/** glibc's gnu_dev_major/minor for a 64-bit dev_t. */
export function splitDev(rdev: bigint): { major: number; minor: number } {
  const major = ((rdev >> 8n) & 0xfffn) | ((rdev >> 32n) & ~0xfffn);
  const minor = (rdev & 0xffn) | ((rdev >> 12n) & ~0xffn);
  return { major: Number(major), minor: Number(minor) };
}

export function hostDevices(root = '/dev'): LinuxDevice[] {
  const out: LinuxDevice[] = [];
  const walk = (dir: string): void => {
    let names: string[];
    try { names = readdirSync(dir); } catch { return; }
    for (const name of names) {
      const p = join(dir, name);
      let st;
      try { st = lstatSync(p, { bigint: true }); } catch { continue; }
      if (st.isDirectory()) {
        if (!SKIP_DIRS.has(name)) walk(p);
        continue;
      }
      if (p === join(root, 'console')) continue;
      const type = st.isCharacterDevice() ? 'c' : st.isBlockDevice() ? 'b' : undefined;
      if (!type) continue;
      const { major, minor } = splitDev(st.rdev);
      out.push({ type, path: p, major, minor, fileMode: Number(st.mode & 0o777n), uid: Number(st.uid), gid: Number(st.gid) });
    }
  };
  walk(root);
  return out;
}
