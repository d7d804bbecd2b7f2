/**
 * tmpfs mount options as dockerd builds them: `--mount type=tmpfs` options converted to mount
 * data (volume/mounts ConvertTmpfsOptions), then merged over the defaults with later options
 * winning per flag group (moby/sys/mount MergeTmpfsOptions).
 */
import { posix } from 'node:path';
import { invalid } from '../lib/errors.js';
import type { MountSpec } from '../types/container.js';

/** Options that set a mount flag; options in one group replace each other (the last one wins). */
const FLAG_GROUP: Record<string, string> = {
  ro: 'rdonly', rw: 'rdonly', suid: 'nosuid', nosuid: 'nosuid', dev: 'nodev', nodev: 'nodev', exec: 'noexec', noexec: 'noexec',
  sync: 'sync', async: 'sync', dirsync: 'dirsync', remount: 'remount', mand: 'mand', nomand: 'mand', atime: 'noatime', noatime: 'noatime',
  diratime: 'nodiratime', nodiratime: 'nodiratime', bind: 'bind', rbind: 'bind', relatime: 'relatime', norelatime: 'relatime',
  strictatime: 'strictatime', nostrictatime: 'strictatime',
  unbindable: 'propagation', runbindable: 'propagation', private: 'propagation', rprivate: 'propagation',
  shared: 'propagation', rshared: 'propagation', slave: 'propagation', rslave: 'propagation',
};
const DATA_KEYS = new Set(['size', 'mode', 'uid', 'gid', 'nr_inodes', 'nr_blocks', 'mpol']);

/** dockerd's defaults for every tmpfs: noexec,nosuid,nodev and rprivate propagation. */
export const TMPFS_DEFAULTS = ['noexec', 'nosuid', 'nodev', 'rprivate'];

export function mergeTmpfsOptions(options: string[]): string[] {
  const seenFlag = new Set<string>();
  const seenData = new Set<string>();
  const out: string[] = [];
  for (let i = options.length - 1; i >= 0; i--) {
    const o = options[i]!;
    if (o === 'defaults') continue;
    const group = FLAG_GROUP[o];
    if (group) {
      if (!seenFlag.has(group)) { out.unshift(o); seenFlag.add(group); }
      continue;
    }
    const eq = o.indexOf('=');
    if (eq < 0 || !DATA_KEYS.has(o.slice(0, eq))) {
      const parts = eq < 0 ? [o] : [o.slice(0, eq), o.slice(eq + 1)];
      throw invalid(`invalid tmpfs option [${parts.map((p) => JSON.stringify(p)).join(' ')}]`);
    }
    const key = o.slice(0, eq);
    if (!seenData.has(key)) { out.unshift(o); seenData.add(key); }
  }
  return out;
}

/** The OCI options of a tmpfs at start: defaults, then the user's data. */
export function tmpfsMountOptions(data: string): string[] {
  return mergeTmpfsOptions([...TMPFS_DEFAULTS, ...data.split(',').filter(Boolean)]);
}

/** `--mount type=tmpfs,tmpfs-size=…,tmpfs-mode=…` as mount data ("ro,mode=1777,size=10m"). */
export function convertTmpfsOptions(opt: MountSpec['TmpfsOptions'], readOnly: boolean): string {
  const raw: string[] = [];
  if (readOnly) raw.push('ro');
  if (opt?.Mode) raw.push(`mode=${opt.Mode.toString(8)}`);
  if (opt?.SizeBytes) {
    let size = opt.SizeBytes;
    let suffix = '';
    for (const [s, d] of [['g', 2 ** 30], ['m', 2 ** 20], ['k', 2 ** 10]] as const) {
      if (size % d === 0) { size /= d; suffix = s; break; }
    }
    raw.push(`size=${size}${suffix}`);
  }
  for (const o of opt?.Options ?? []) {
    if (o.length < 1 || o.length > 2) throw invalid('invalid option array length');
    if (o[0] !== 'exec' && o[0] !== 'noexec') throw invalid(`invalid option: ${o[0]}`);
    raw.push(o.length === 1 ? o[0] : `${o[0]}=${o[1]}`);
  }
  return raw.join(',');
}

/** `--tmpfs DEST`: absolute and not "/". */
export function validateTmpfsDestination(dest: string): void {
  if (posix.normalize(dest.replace(/\\/g, '/')).replace(/(.)\/+$/, '$1') === '/') throw invalid("invalid specification: destination can't be '/'");
  if (!dest.startsWith('/')) throw invalid(`invalid mount path: '${dest}' mount path must be absolute`);
}
