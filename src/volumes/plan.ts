/**
 * A container's mount points, decided at create as dockerd's registerMountPoints and
 * createContainerOSSpecificSettings do: `--volumes-from` first, then `Binds` and `Mounts`
 * (each replacing what an earlier step put at the same destination; a bind and a mount, or a
 * bind and a --tmpfs, at one destination is "Duplicate mount point"), then an anonymous volume
 * for every image VOLUME and `-v /path` not covered yet. Nothing is created here: names are
 * validated first so bad input leaves no volume behind.
 */
import { invalid } from '../lib/errors.js';
import type { HostConfig } from '../types/container.js';
import type { ResolvedMount } from './types.js';
import { parseBind, parseMountSpec, parseVolumesFrom, readWrite, type MountRequest } from './mount-spec.js';
import { validateTmpfsDestination } from './tmpfs-options.js';
import { validateVolumeName } from './names.js';
import { validateLocalOptions } from './local-options.js';

export interface PlanInput {
  hostConfig: HostConfig;
  /** Config.Volumes after merging the image's: each key gets an anonymous volume unless mounted. */
  volumes: string[];
  /** The mount points of a --volumes-from container (throws NOT_FOUND for an unknown one). */
  mountsOf: (ref: string) => Promise<ResolvedMount[]>;
}

const duplicate = (dest: string) => invalid(`Duplicate mount point: ${dest}`);

export async function planMounts(input: PlanInput): Promise<MountRequest[]> {
  const h = input.hostConfig;
  const points = new Map<string, MountRequest>();
  const tmpfs = new Set<string>();
  for (const dest of Object.keys(h.Tmpfs ?? {})) {
    validateTmpfsDestination(dest);
    tmpfs.add(dest.replace(/(.)\/+$/, '$1'));
  }
  for (const spec of h.VolumesFrom ?? []) {
    const [ref, mode] = parseVolumesFrom(spec);
    for (const m of await input.mountsOf(ref)) {
      points.set(m.Destination, { ...m, RW: m.RW && readWrite(mode), CopyData: false, CreateSource: false });
    }
  }
  const binds = new Set<string>();
  for (const raw of h.Binds ?? []) {
    const m = parseBind(raw);
    if (binds.has(m.Destination) || tmpfs.has(m.Destination)) throw duplicate(m.Destination);
    binds.add(m.Destination);
    points.set(m.Destination, m);
  }
  for (const spec of h.Mounts ?? []) {
    const m = parseMountSpec(spec);
    if (binds.has(m.Destination)) throw duplicate(spec.Target);
    binds.add(m.Destination);
    points.set(m.Destination, m);
  }
  for (const v of input.volumes) {
    if (!v.startsWith('/')) throw invalid(`invalid mount config for type "volume": invalid mount path: '${v}' mount path must be absolute`);
    if (v.replace(/\/+$/, '') === '') throw invalid("invalid mount config for type \"volume\": invalid specification: destination can't be '/'");
    const dest = v.replace(/(.)\/+$/, '$1');
    if (points.has(dest) || tmpfs.has(dest)) continue;
    points.set(dest, { Type: 'volume', Source: '', Destination: dest, Driver: 'local', Mode: '', RW: true, Propagation: '', CopyData: true });
  }
  for (const m of points.values()) {
    if (m.Type !== 'volume') continue;
    if (m.Driver && m.Driver !== 'local') throw invalid(`create ${m.Name ?? ''}: error looking up volume plugin ${m.Driver}: plugin ${JSON.stringify(m.Driver)} not found`);
    if (m.Name) validateVolumeName(m.Name);
    try { validateLocalOptions(m.create?.options); } catch (err) { throw invalid(`create ${m.Name ?? ''}: ${(err as Error).message}`); }
  }
  return [...points.values()];
}
