/**
 * dockerd's local driver options (`volume create -o type=… -o device=… -o o=…`). Instead of
 * mounting the device on the host at <volume>/_data while containers use it (dockerd's refcounted
 * mount), berth hands the same mount to runc for each container: nothing stays mounted on the host
 * when containers stop, and a tmpfs volume starts empty on every run as docker's does once
 * unmounted. Two containers running at once on one tmpfs volume get separate tmpfs (docker: shared).
 */
import { invalid } from '../lib/errors.js';
import type { Mount } from '../runtime/spec/index.js';

const VALID = new Set(['type', 'o', 'device', 'size']);
const MANDATORY: Record<string, string[]> = { device: ['type'], type: ['device'], o: ['device', 'type'] };

export function validateLocalOptions(opts: Record<string, string> | undefined): void {
  if (!opts || Object.keys(opts).length === 0) return;
  for (const k of Object.keys(opts)) if (!VALID.has(k)) throw invalid(`invalid option: ${JSON.stringify(k)}`);
  // dockerd accepts size only with project quotas (xfs/ext4 prjquota) under its root
  if (opts.size !== undefined) throw invalid('quota size requested but no quota support');
  for (const [k, needs] of Object.entries(MANDATORY)) {
    if (opts[k] === undefined) continue;
    for (const n of needs) if (opts[n] === undefined) throw invalid(`missing required option: ${JSON.stringify(n)}`);
  }
}

/** The OCI mount of a volume at `destination`: its data dir, or the device its options name. */
export function volumeMount(dataPath: string, options: Record<string, string> | null, destination: string, rw: boolean, copyUp: boolean): Mount {
  const ro = rw ? [] : ['ro'];
  if (!options?.type) return { destination, type: 'bind', source: dataPath, options: ['rbind', 'rprivate', ...ro] };
  const o = (options.o ?? '').split(',').filter(Boolean);
  if (o.includes('bind') || o.includes('rbind')) {
    const rest = o.filter((x) => x !== 'bind' && x !== 'rbind');
    return { destination, type: 'bind', source: options.device!, options: [o.includes('rbind') ? 'rbind' : 'bind', 'rprivate', ...rest, ...ro] };
  }
  // runc's tmpcopyup fills a fresh tmpfs with the image's files, as docker's copy-up of an empty volume
  const copy = options.type === 'tmpfs' && copyUp ? ['tmpcopyup'] : [];
  return { destination, type: options.type, source: options.device!, options: [...o, ...ro, ...copy] };
}
