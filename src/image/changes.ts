/**
 * `--change` instructions for import and commit (docker's set: CMD, ENTRYPOINT, ENV, EXPOSE,
 * LABEL, ONBUILD, STOPSIGNAL, USER, VOLUME, WORKDIR), applied to a container config.
 */
import type { ContainerConfig } from '../oci/types.js';
import { invalid } from '../lib/errors.js';

const VALID = new Set(['CMD', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'LABEL', 'ONBUILD', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR']);

/** JSON array form if it parses as an array of strings, else undefined. */
function jsonArray(s: string): string[] | undefined {
  if (!s.startsWith('[')) return undefined;
  try {
    const v = JSON.parse(s);
    return Array.isArray(v) && v.every((x) => typeof x === 'string') ? v : undefined;
  } catch { return undefined; }
}

/** Split `K=V K2="v 2"` pairs, honouring double and single quotes and backslash escapes. */
export function splitPairs(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quote = '';
  let any = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quote) {
      if (c === quote) quote = '';
      else if (c === '\\' && quote === '"' && i + 1 < s.length) cur += s[++i];
      else cur += c;
    } else if (c === '"' || c === "'") { quote = c; any = true; }
    else if (c === '\\' && i + 1 < s.length) { cur += s[++i]; any = true; }
    else if (/\s/.test(c)) { if (cur || any) out.push(cur); cur = ''; any = false; }
    else { cur += c; any = true; }
  }
  if (quote) throw invalid(`unmatched ${quote} quote in "${s}"`);
  if (cur || any) out.push(cur);
  return out;
}

function keyValues(instr: string, rest: string): [string, string][] {
  const words = splitPairs(rest);
  if (words.length && !words[0]!.includes('=')) {
    // legacy form: ENV KEY value with spaces
    const m = /^(\S+)\s+(.*)$/s.exec(rest.trim());
    if (!m) throw invalid(`${instr} requires at least one argument`);
    return [[m[1]!, splitPairs(m[2]!).join(' ')]];
  }
  return words.map((w) => {
    const eq = w.indexOf('=');
    if (eq <= 0) throw invalid(`${instr} names can not be blank`);
    return [w.slice(0, eq), w.slice(eq + 1)];
  });
}

export function applyChanges(base: ContainerConfig, changes: string[]): ContainerConfig {
  const cfg: ContainerConfig = structuredClone(base);
  for (const change of changes) {
    const m = /^\s*(\S+)\s*(.*)$/s.exec(change);
    if (!m) continue;
    const instr = m[1]!.toUpperCase();
    const rest = m[2]!.trim();
    if (!VALID.has(instr)) throw invalid(`${m[1]} is not a valid change command`);
    const argv = () => jsonArray(rest) ?? ['/bin/sh', '-c', rest];
    switch (instr) {
      case 'CMD': cfg.Cmd = argv(); break;
      case 'ENTRYPOINT': cfg.Entrypoint = argv(); break;
      case 'ENV': {
        const env = cfg.Env ?? [];
        for (const [k, v] of keyValues(instr, rest)) {
          const i = env.findIndex((e) => e.split('=')[0] === k);
          if (i >= 0) env[i] = `${k}=${v}`; else env.push(`${k}=${v}`);
        }
        cfg.Env = env;
        break;
      }
      case 'LABEL': cfg.Labels = { ...cfg.Labels, ...Object.fromEntries(keyValues(instr, rest)) }; break;
      case 'EXPOSE': {
        cfg.ExposedPorts = { ...cfg.ExposedPorts };
        for (const p of rest.split(/\s+/).filter(Boolean)) {
          if (!/^\d+(-\d+)?(\/(tcp|udp|sctp))?$/i.test(p)) throw invalid(`invalid containerPort: ${p}`);
          cfg.ExposedPorts[p.includes('/') ? p.toLowerCase() : `${p}/tcp`] = {};
        }
        break;
      }
      case 'VOLUME': {
        cfg.Volumes = { ...cfg.Volumes };
        for (const v of jsonArray(rest) ?? rest.split(/\s+/).filter(Boolean)) cfg.Volumes[v] = {};
        break;
      }
      case 'USER': cfg.User = rest; break;
      case 'WORKDIR': cfg.WorkingDir = rest.startsWith('/') ? rest : `${(cfg.WorkingDir ?? '/').replace(/\/$/, '')}/${rest}`; break;
      case 'STOPSIGNAL': cfg.StopSignal = rest; break;
      case 'ONBUILD': cfg.OnBuild = [...(cfg.OnBuild ?? []), rest]; break;
    }
  }
  return cfg;
}
