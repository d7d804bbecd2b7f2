/**
 * A container's mount points → OCI mounts at start: bind sources checked (a `-v` source that is
 * missing is created, as dockerd does), empty volumes filled from the image, tmpfs options merged
 * over docker's defaults. The runtime spec sorts them by depth, so a longer container path is
 * mounted after (on top of) a shorter one whatever the flag order.
 */
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { invalid } from '../lib/errors.js';
import type { Mount } from '../runtime/spec/index.js';
import type { ResolvedMount } from './types.js';
import type { VolumeStore } from './volume-store.js';
import { volumeMount } from './local-options.js';
import { tmpfsMountOptions } from './tmpfs-options.js';
import { copyUp } from './copy-up.js';

export interface OciMountsInput {
  mounts: ResolvedMount[];
  /** HostConfig.Tmpfs: `--tmpfs DEST[:OPTIONS]`. */
  tmpfs?: Record<string, string>;
  /** Host path of a container path in the container's (mounted) rootfs, symlinks resolved in-root. */
  imagePath: (destination: string) => string;
}

export async function ociMounts(store: VolumeStore, input: OciMountsInput): Promise<Mount[]> {
  const out: Mount[] = [];
  for (const m of input.mounts) {
    if (m.Type === 'bind') {
      if (!(await exists(m.Source))) {
        if (!m.CreateSource) throw invalid(`invalid mount config for type "bind": bind source path does not exist: ${m.Source}`);
        await fsp.mkdir(m.Source, { recursive: true, mode: 0o755 });
      }
      out.push({ destination: m.Destination, type: 'bind', source: m.Source, options: [m.NonRecursive ? 'bind' : 'rbind', m.Propagation || 'rprivate', m.RW ? 'rw' : 'ro'] });
    } else if (m.Type === 'volume') {
      const rec = await store.get(m.Name!);
      const data = store.dataPath(rec.Name);
      if (m.CopyData && !rec.Options?.type) await copyUp(input.imagePath(m.Destination), data, join(store.meta.root, 'locks', `volume-${rec.Name}.lock`));
      out.push(volumeMount(data, rec.Options, m.Destination, m.RW, m.CopyData === true));
    } else {
      out.push(tmpfs(m.Destination, m.TmpfsData ?? ''));
    }
  }
  for (const [dest, data] of Object.entries(input.tmpfs ?? {})) out.push(tmpfs(dest, data));
  return out;
}

const tmpfs = (destination: string, data: string): Mount => ({ destination, type: 'tmpfs', source: 'tmpfs', options: tmpfsMountOptions(data) });

const exists = (p: string) => fsp.lstat(p).then(() => true, () => false);
