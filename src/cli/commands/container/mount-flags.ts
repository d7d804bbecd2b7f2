/**
 * `-v`, `--mount` and `--tmpfs` as the docker CLI turns them into a create request
 * (cli/command/container/opts.go, cli/compose/loader/volume.go, opts/mount.go): a `-v` with a source
 * is a Bind (a source starting with "." made absolute first), a bare `-v /path` is an anonymous
 * volume in Config.Volumes, `--mount` becomes HostConfig.Mounts. Everything else (names, modes,
 * missing sources) is the engine's to judge, as dockerd's.
 */
import { resolve } from 'node:path';
import type { MountSpec } from '../../../engine/types.js';
import { parseSize } from '../../format/index.js';

/** compose's ParseVolume, reduced to what `docker run -v` uses: source, target, the error texts. */
function splitVolume(spec: string): { source: string; target: string } {
  if (spec.length === 0) throw new Error('invalid empty volume spec');
  if (spec.length <= 2) return { source: '', target: spec };
  const fields = spec.split(':');
  const out = { source: '', target: '' };
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i]!;
    const last = i === fields.length - 1;
    if (f === '') throw new Error(`invalid spec: ${spec}: empty section between colons`);
    if (out.source === '' && last) out.target = f; // anonymous volume
    else if (out.source === '') out.source = f;
    else if (out.target === '') out.target = f;
    else if (!last) throw new Error(`invalid spec: ${spec}: too many colons`);
  }
  return out;
}

const isFilePath = (s: string) => s.startsWith('.') || s.startsWith('/') || s.startsWith('~');

/** `-v` values → HostConfig.Binds and Config.Volumes. */
export function volumeFlags(values: string[], cwd = process.cwd()): { binds: string[]; volumes: Record<string, Record<string, never>> } {
  const binds: string[] = [];
  const volumes: Record<string, Record<string, never>> = {};
  for (const spec of new Set(values)) {
    const { source } = splitVolume(spec);
    if (source === '') { volumes[spec] = {}; continue; }
    const colon = spec.indexOf(':');
    let host = spec.slice(0, colon);
    if (isFilePath(source) && host.startsWith('.')) host = resolve(cwd, host);
    binds.push(`${host}:${spec.slice(colon + 1)}`);
  }
  return { binds, volumes };
}

/** Go's encoding/csv for one record: commas split, double quotes group ("" is a quote). */
function csvFields(value: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (quoted) {
      if (c === '"' && value[i + 1] === '"') { cur += '"'; i++; } else if (c === '"') quoted = false; else cur += c;
    } else if (c === '"' && cur === '') quoted = true;
    else if (c === ',') { out.push(cur); cur = ''; } else cur += c;
  }
  if (quoted) throw new Error(`parse error on line 1, column ${value.length + 1}: extraneous or missing " in quoted-field`);
  out.push(cur);
  return out;
}

function goBool(key: string, v: string): boolean {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(v)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(v)) return false;
  throw new Error(`invalid value for ${key}: ${v}`);
}

/** One `--mount` value (MountOpt.Set); throws Error with docker's text. */
export function mountFlag(value: string, cwd = process.cwd()): MountSpec {
  const m: MountSpec = { Type: 'volume', Target: '' };
  const vol = () => (m.VolumeOptions ??= { Labels: {} });
  const driver = () => (vol().DriverConfig ??= {});
  const bind = () => (m.BindOptions ??= {});
  const tmpfs = () => (m.TmpfsOptions ??= {});
  const setKV = (target: Record<string, string>, v: string) => { const i = v.indexOf('='); const k = i < 0 ? v : v.slice(0, i); if (k) target[k] = i < 0 ? '' : v.slice(i + 1); };
  for (const field of csvFields(value)) {
    const eq = field.indexOf('=');
    const key = (eq < 0 ? field : field.slice(0, eq)).toLowerCase();
    const val = eq < 0 ? '' : field.slice(eq + 1);
    if (eq < 0) {
      if (key === 'readonly' || key === 'ro') m.ReadOnly = true;
      else if (key === 'volume-nocopy') vol().NoCopy = true;
      else if (key === 'bind-nonrecursive') bind().NonRecursive = true;
      else throw new Error(`invalid field '${field}' must be a key=value pair`);
      continue;
    }
    switch (key) {
      case 'type': m.Type = val.toLowerCase() as MountSpec['Type']; break;
      case 'source': case 'src': m.Source = !val.startsWith('/') && val.startsWith('.') ? resolve(cwd, val) : val; break;
      case 'target': case 'dst': case 'destination': m.Target = val; break;
      case 'readonly': case 'ro': m.ReadOnly = goBool(key, val); break;
      case 'consistency': m.Consistency = val.toLowerCase(); break;
      case 'bind-propagation': bind().Propagation = val.toLowerCase(); break;
      case 'bind-nonrecursive': bind().NonRecursive = goBool(key, val); break;
      case 'bind-recursive':
        if (val === 'disabled') bind().NonRecursive = true;
        else if (val === 'writable') bind().ReadOnlyNonRecursive = true;
        else if (val === 'readonly') bind().ReadOnlyForceRecursive = true;
        else if (val !== 'enabled') throw new Error(`invalid value for ${key}: ${val} (must be "enabled", "disabled", "writable", or "readonly")`);
        break;
      case 'volume-subpath': vol().Subpath = val; break;
      case 'volume-nocopy': vol().NoCopy = goBool('volume-nocopy', val); break;
      case 'volume-label': setKV(vol().Labels ??= {}, val); break;
      case 'volume-driver': driver().Name = val; break;
      case 'volume-opt': setKV(driver().Options ??= {}, val); break;
      case 'tmpfs-size':
        try { tmpfs().SizeBytes = parseSize(val); } catch { throw new Error(`invalid value for ${key}: ${val}`); }
        break;
      case 'tmpfs-mode':
        if (!/^[0-7]+$/.test(val)) throw new Error(`invalid value for ${key}: ${val}`);
        tmpfs().Mode = parseInt(val, 8);
        break;
      default: throw new Error(`unexpected key '${key}' in '${field}'`);
    }
  }
  if (!m.Type) throw new Error('type is required');
  if (!m.Target) throw new Error('target is required');
  for (const [opt, type, name] of [[m.VolumeOptions, 'volume', 'volume'], [m.BindOptions, 'bind', 'bind'], [m.TmpfsOptions, 'tmpfs', 'tmpfs']] as const) {
    if (opt && m.Type !== type) throw new Error(`cannot mix '${name}-*' options with mount type '${m.Type}'`);
  }
  if (m.BindOptions?.ReadOnlyNonRecursive && !m.ReadOnly) throw new Error("option 'bind-recursive=writable' requires 'readonly' to be specified in conjunction");
  if (m.BindOptions?.ReadOnlyForceRecursive) {
    if (!m.ReadOnly) throw new Error("option 'bind-recursive=readonly' requires 'readonly' to be specified in conjunction");
    if (m.BindOptions.Propagation !== 'rprivate') throw new Error("option 'bind-recursive=readonly' requires 'bind-propagation=rprivate' to be specified in conjunction");
  }
  return m;
}

/** `--tmpfs DEST[:OPTIONS]` → HostConfig.Tmpfs. */
export function tmpfsFlags(values: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of values) {
    const i = t.indexOf(':');
    out[i < 0 ? t : t.slice(0, i)] = i < 0 ? '' : t.slice(i + 1);
  }
  return out;
}
