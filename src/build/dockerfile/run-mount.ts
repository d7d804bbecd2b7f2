/**
 * `RUN --mount=type=cache,target=/x,...` (BuildKit instructions/commands_runmount.go). Without
 * an expander (parse time) only `from` is read, as in BuildKit: other values may hold variables
 * and are validated when expandInstruction re-parses the spec with one.
 */
import { invalid } from '../../lib/errors.js';
import { withSuggestion } from './errors.js';
import type { MountSharing, MountType, RunMount } from './types.js';

const TYPES: readonly MountType[] = ['bind', 'cache', 'tmpfs', 'secret', 'ssh'];
const SHARING: readonly MountSharing[] = ['shared', 'private', 'locked'];
const KEYS = ['type', 'from', 'source', 'target', 'readonly', 'id', 'sharing', 'required', 'size', 'mode', 'uid',
  'gid', 'src', 'dst', 'destination', 'ro', 'rw', 'readwrite', 'env'];

/** One CSV record, as Go's encoding/csv reads it (quoted fields, "" for a quote). */
export function csvFields(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  for (;;) {
    let field = '';
    if (line[i] === '"') {
      for (i++; ; i++) {
        if (i >= line.length) throw invalid('failed to parse csv mounts: extraneous or missing " in quoted-field');
        if (line[i] === '"') {
          if (line[i + 1] === '"') { field += '"'; i++; continue; }
          i++;
          break;
        }
        field += line[i];
      }
      if (i < line.length && line[i] !== ',') throw invalid('failed to parse csv mounts: extraneous or missing " in quoted-field');
    } else {
      const end = line.indexOf(',', i);
      field = line.slice(i, end < 0 ? line.length : end);
      if (field.includes('"')) throw invalid('failed to parse csv mounts: bare " in non-quoted-field');
      i = end < 0 ? line.length : end;
    }
    out.push(field);
    if (i >= line.length) return out;
    i++; // the comma
  }
}

const parseBool = (key: string, v: string): boolean => {
  // Go's strconv.ParseBool.
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(v)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(v)) return false;
  throw invalid(`invalid value for ${key}: ${v}`);
};

const parseUint = (v: string, base: 8 | 10, what: string): number => {
  const ok = base === 8 ? /^[0-7]+$/.test(v) : /^[0-9]+$/.test(v);
  const n = ok ? parseInt(v, base) : NaN;
  if (!ok || n > 0xffffffff) throw invalid(`invalid value ${v} for ${what}`);
  return n;
};

/** docker/go-units RAMInBytes: "64m", "1.5GiB", "512" (binary multiples). */
export function ramInBytes(v: string): number {
  const m = /^(\d+(?:\.\d+)*) ?([kKmMgGtTpP])?[iI]?[bB]?$/.exec(v);
  if (!m) throw invalid(`invalid size: '${v}'`);
  const mult = { k: 1, m: 2, g: 3, t: 4, p: 5 }[(m[2] ?? '').toLowerCase() as 'k'] ?? 0;
  return Math.trunc(parseFloat(m[1]!) * 1024 ** mult);
}

export function parseMount(spec: string, expand?: (v: string) => string): RunMount {
  const m: RunMount = { type: 'bind', readOnly: true, required: false };
  let roAuto = true;
  for (const field of csvFields(spec)) {
    const eq = field.indexOf('=');
    const key = (eq < 0 ? field : field.slice(0, eq)).toLowerCase();
    if (eq < 0) {
      if (!expand) continue; // evaluated later
      if (key === 'readonly' || key === 'ro') { m.readOnly = true; roAuto = false; continue; }
      if (key === 'readwrite' || key === 'rw') { m.readOnly = false; roAuto = false; continue; }
      if (key === 'required' && (m.type === 'secret' || m.type === 'ssh')) { m.required = true; continue; }
      if (key === 'required') throw invalid(`unexpected key '${key}' for mount type '${m.type}'`);
      throw invalid(`invalid field '${field}' must be a key=value pair`);
    }
    let value = field.slice(eq + 1);
    if (expand) value = expand(value);
    else if (key === 'from') {
      const idx = value.indexOf('$');
      if (idx !== -1 && idx !== value.length - 1) {
        throw invalid(`'${key}' doesn't support variable expansion, define alias stage instead`);
      }
    } else continue;
    roAuto = applyField(m, key, field, value) && roAuto;
  }
  return finish(m, roAuto);
}

/** Set one key; returns false when it decided read-only-ness explicitly. */
function applyField(m: RunMount, key: string, field: string, value: string): boolean {
  const onlyFor = (ok: boolean) => {
    if (!ok) throw invalid(`unexpected key '${key}' for mount type '${m.type}'`);
  };
  switch (key) {
    case 'type': {
      const t = value.toLowerCase() as MountType;
      if (!TYPES.includes(t)) throw invalid(withSuggestion(`unsupported mount type ${JSON.stringify(value)}`, value, TYPES, true));
      m.type = t;
      return true;
    }
    case 'from': m.from = value; return true;
    case 'source': case 'src': m.source = value; return true;
    case 'target': case 'dst': case 'destination': m.target = value; return true;
    case 'readonly': case 'ro': m.readOnly = parseBool(key, value); return false;
    case 'readwrite': case 'rw': m.readOnly = !parseBool(key, value); return false;
    case 'required': onlyFor(m.type === 'secret' || m.type === 'ssh'); m.required = parseBool(key, value); return true;
    case 'size':
      onlyFor(m.type === 'tmpfs');
      try { m.sizeLimit = ramInBytes(value); } catch { throw invalid(`invalid value for ${key}: ${value}`); }
      return true;
    case 'id': m.cacheId = value; return true;
    case 'sharing': {
      const s = value.toLowerCase() as MountSharing;
      if (!SHARING.includes(s)) throw invalid(withSuggestion(`unsupported sharing value ${JSON.stringify(value)}`, value, SHARING, true));
      m.sharing = s;
      return true;
    }
    case 'mode': m.mode = parseUint(value, 8, 'mode'); return true;
    case 'uid': m.uid = parseUint(value, 10, 'uid'); return true;
    case 'gid': m.gid = parseUint(value, 10, 'gid'); return true;
    case 'env': m.env = value; return true;
    default:
      throw invalid(withSuggestion(`unexpected key '${key}' in '${field}'`, key, KEYS, true));
  }
}

function finish(m: RunMount, roAuto: boolean): RunMount {
  const fileInfo = m.type === 'secret' || m.type === 'ssh' || m.type === 'cache';
  for (const k of ['mode', 'uid', 'gid'] as const) {
    if (!fileInfo && m[k] !== undefined) throw invalid(`${k} not allowed for ${JSON.stringify(m.type)} type mounts`);
  }
  // Cache and tmpfs mounts are writable by default; bind, secret and ssh are read-only.
  if (roAuto) m.readOnly = !(m.type === 'cache' || m.type === 'tmpfs');
  if (m.type === 'secret') {
    if (m.from) throw invalid('secret mount should not have a from');
    if (m.sharing !== undefined) throw invalid('secret mount should not define sharing');
    if (!m.source && !m.target && !m.cacheId) throw invalid('invalid secret mount. one of source, target required');
    if (m.source && m.cacheId) throw invalid("both source and id can't be set");
  }
  if (m.sharing !== undefined && m.type !== 'cache') throw invalid(`invalid cache sharing set for ${m.type} mount`);
  return m;
}
