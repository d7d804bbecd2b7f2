/**
 * Mount requests as dockerd's Linux parser reads them (volume/mounts/linux_parser.go): `Binds`
 * entries (`-v SRC:DST:MODE`), `Mounts` (`--mount`), and `--volumes-from` specs. Pure apart from
 * the bind source existence check of `--mount`; error texts are docker's.
 */
import { existsSync } from 'node:fs';
import { posix } from 'node:path';
import { invalid, notImplemented } from '../lib/errors.js';
import type { MountSpec } from '../types/container.js';
import type { ResolvedMount } from './types.js';
import { convertTmpfsOptions } from './tmpfs-options.js';

/** A parsed request: a ResolvedMount before its volume exists, plus what creating it needs. */
export interface MountRequest extends ResolvedMount {
  /** `--mount volume-label=…` / `volume-opt=…`: applied when the volume is created. */
  create?: { labels?: Record<string, string>; options?: Record<string, string> };
}

const PROPAGATIONS = new Set(['private', 'rprivate', 'slave', 'rslave', 'shared', 'rshared']);
const CONSISTENCY = new Set(['consistent', 'cached', 'delegated']);
const DEFAULT_PROPAGATION = 'rprivate';

const specError = (spec: string) => invalid(`invalid volume specification: '${spec}'`);
const modeError = (mode: string) => invalid(`invalid mode: ${mode}`);
const configError = (type: string, why: string) => invalid(`invalid mount config for type ${JSON.stringify(type)}: ${why}`);
const clean = (p: string) => posix.normalize(p.replace(/\\/g, '/')).replace(/(.)\/+$/, '$1');

/** linuxValidMountMode: each of rw/ro, z/Z, a propagation, nocopy, a consistency at most once. */
export function validMode(mode: string): boolean {
  if (mode === '') return true;
  const counts = { rw: 0, label: 0, prop: 0, copy: 0, cons: 0 };
  for (const o of mode.split(',')) {
    if (o === 'rw' || o === 'ro') counts.rw++;
    else if (o === 'z' || o === 'Z') counts.label++;
    else if (PROPAGATIONS.has(o)) counts.prop++;
    else if (o === 'nocopy') counts.copy++;
    else if (CONSISTENCY.has(o)) counts.cons++;
    else return false;
  }
  return Object.values(counts).every((n) => n <= 1);
}

const readWrite = (mode: string) => validMode(mode) && !mode.split(',').includes('ro');
const propagationOf = (mode: string) => mode.split(',').find((o) => PROPAGATIONS.has(o));

/** Go's strings.SplitN(s, ":", 4). */
function splitN(s: string, n: number): string[] {
  const parts = s.split(':');
  return parts.length <= n ? parts : [...parts.slice(0, n - 1), parts.slice(n - 1).join(':')];
}

/** One `Binds` entry (ParseMountRaw): `DST`, `SRC:DST` or `SRC:DST:MODE`; an absolute SRC is a bind. */
export function parseBind(raw: string): MountRequest {
  const arr = splitN(raw, 4);
  if (arr[0] === '') throw specError(raw);
  let source = '';
  let target: string;
  let mode = '';
  if (arr.length === 1) target = arr[0]!;
  else if (arr.length === 2) {
    if (validMode(arr[1]!)) throw specError(raw); // "/foo:rw": a volume cannot take a mode alone
    [source, target] = [arr[0]!, arr[1]!];
  } else if (arr.length === 3) [source, target, mode] = [arr[0]!, arr[1]!, arr[2]!];
  else throw specError(raw);
  if (!validMode(mode)) throw modeError(mode);
  const type = source.startsWith('/') ? 'bind' : 'volume';
  const prop = propagationOf(mode);
  try {
    const spec: MountSpec = { Type: type, Source: source, Target: target, ReadOnly: !readWrite(mode), ...(prop ? { BindOptions: { Propagation: prop } } : {}) };
    const m = fromSpec(spec, false);
    m.Mode = mode;
    if (type === 'volume') {
      m.CopyData = !mode.split(',').includes('nocopy');
      if (m.Name && m.Mode === '') m.Mode = 'z'; // dockerd's setBindModeIfNull for local volumes
    } else m.CreateSource = true;
    return m;
  } catch (err) {
    throw invalid(`${specError(raw).message}: ${(err as Error).message}`);
  }
}

/** One `Mounts` entry (ParseMountSpec): the bind source must exist. */
export function parseMountSpec(spec: MountSpec): MountRequest {
  return fromSpec(spec, true);
}

function fromSpec(m: MountSpec, checkSource: boolean): MountRequest {
  const type = m.Type;
  const target = m.Target ?? '';
  if (!target) throw configError(type, 'field Target must not be empty');
  if (clean(target) === '/') throw configError(type, "invalid specification: destination can't be '/'");
  if (!target.replace(/\\/g, '/').startsWith('/')) throw configError(type, `invalid mount path: '${target}' mount path must be absolute`);
  if (m.Consistency && !CONSISTENCY.has(m.Consistency) && m.Consistency !== 'default') throw configError(type, `invalid consistency: ${m.Consistency}`);
  const base = { Destination: clean(target), RW: !m.ReadOnly, Mode: '' };
  switch (type) {
    case 'bind': {
      const source = m.Source ?? '';
      if (!source) throw configError(type, 'field Source must not be empty');
      const prop = m.BindOptions?.Propagation;
      if (prop && !PROPAGATIONS.has(prop)) throw configError(type, `invalid propagation mode: ${prop}`);
      if (m.VolumeOptions) throw configError(type, 'field VolumeOptions must not be specified');
      if (!source.startsWith('/')) throw configError(type, `invalid mount path: '${source}' mount path must be absolute`);
      if (checkSource && !m.BindOptions?.CreateMountpoint && !existsSync(source)) throw configError(type, `bind source path does not exist: ${source}`);
      return { ...base, Type: 'bind', Source: clean(source), Propagation: prop || DEFAULT_PROPAGATION, NonRecursive: m.BindOptions?.NonRecursive === true || undefined, CreateSource: m.BindOptions?.CreateMountpoint === true || undefined };
    }
    case 'volume': {
      if (m.BindOptions) throw configError(type, 'field BindOptions must not be specified');
      const anonymous = !m.Source;
      if (m.VolumeOptions?.Subpath) {
        if (anonymous) throw configError(type, 'must not set Subpath when using anonymous volumes');
        throw notImplemented('berth does not support volume subpaths (volume-subpath) yet');
      }
      if (m.ReadOnly && anonymous) throw configError(type, 'must not set ReadOnly mode when using anonymous volumes');
      const driver = m.VolumeOptions?.DriverConfig?.Name;
      const labels = m.VolumeOptions?.Labels;
      const options = m.VolumeOptions?.DriverConfig?.Options;
      return {
        ...base, Type: 'volume', Source: '', Name: m.Source || undefined, Driver: driver || 'local', Propagation: '',
        Mode: anonymous ? '' : 'z', CopyData: m.VolumeOptions?.NoCopy !== true,
        ...(labels && Object.keys(labels).length) || (options && Object.keys(options).length) ? { create: { labels, options } } : {},
      };
    }
    case 'tmpfs': {
      if (m.BindOptions) throw configError(type, 'field BindOptions must not be specified');
      if (m.Source) throw configError(type, 'field Source must not be specified');
      let data: string;
      try { data = convertTmpfsOptions(m.TmpfsOptions, m.ReadOnly === true); } catch (err) { throw configError(type, (err as Error).message); }
      return { ...base, Type: 'tmpfs', Source: '', Propagation: '', TmpfsData: data };
    }
    default:
      if (type === 'image') throw notImplemented('berth does not support image mounts (--mount type=image) yet');
      throw configError(type, 'mount type unknown');
  }
}

/** `--volumes-from CTR[:ro|rw]` → [container, mode]. */
export function parseVolumesFrom(spec: string): [string, string] {
  if (spec === '') throw invalid('volumes-from specification cannot be an empty string');
  const i = spec.indexOf(':');
  const id = i < 0 ? spec : spec.slice(0, i);
  const mode = i < 0 ? '' : spec.slice(i + 1);
  if (mode === '') return [id, 'rw'];
  // neither propagation nor copy modes: those belong to the source container's mounts
  if (!validMode(mode) || propagationOf(mode) || mode.split(',').includes('nocopy')) throw modeError(mode);
  return [id, mode];
}

export { readWrite };
