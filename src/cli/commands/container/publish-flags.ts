/**
 * `-p` as the docker CLI parses it (opts.go convertToStandardNotation, go-connections
 * nat.ParsePortSpecs): `[ip:][hostPort:]containerPort[/proto]`, ranges, and the long form
 * `published=8080,target=80,protocol=udp`. The result is Config.ExposedPorts plus
 * HostConfig.PortBindings; errors carry docker's texts ("invalid hostPort: 99999").
 */
import type { PortBinding } from '../../../engine/types.js';

/** nat's port range: "80" or "8000-9000", each 0-65535 (strconv.ParseUint(s, 10, 16)). */
function portRange(s: string): [number, number] {
  if (s === '') throw new Error('empty string specified for ports');
  const parts = s.split('-');
  const num = (x: string | undefined) => {
    if (x === undefined || !/^\d+$/.test(x) || Number(x) > 65535) throw new Error(`invalid port: ${s}`);
    return Number(x);
  };
  if (parts.length === 1) { const p = num(parts[0]); return [p, p]; }
  const [lo, hi] = [num(parts[0]), num(parts[1])];
  if (hi < lo) throw new Error(`invalid range specified for port: ${s}`);
  return [lo, hi];
}

function isIp(ip: string): boolean {
  if (/^(\d{1,3})(\.\d{1,3}){3}$/.test(ip)) return ip.split('.').every((x) => Number(x) <= 255);
  return ip.includes(':') && /^[0-9a-fA-F:.]+$/.test(ip);
}

function standardNotation(p: string): string {
  if (!p.includes('=')) return p;
  const params: Record<string, string> = { protocol: 'tcp' };
  for (const param of p.split(',')) {
    const i = param.indexOf('=');
    if (i <= 0) throw new Error(`invalid publish opts format (should be name=value but got '${param}')`);
    params[param.slice(0, i)] = param.slice(i + 1);
  }
  return `${params.published ?? ''}:${params.target ?? ''}/${params.protocol}`;
}

/** One `-p` spec → its (port, binding) pairs. */
function parsePortSpec(raw: string): [string, PortBinding][] {
  const parts = raw.split(':');
  const n = parts.length;
  let [ip, hostPort, containerPart] = n === 1 ? ['', '', parts[0]!] : n === 2 ? ['', parts[0]!, parts[1]!] : [parts.slice(0, n - 2).join(':'), parts[n - 2]!, parts[n - 1]!];
  const slash = containerPart.indexOf('/');
  const containerPort = slash < 0 ? containerPart : containerPart.slice(0, slash);
  if (containerPort === '') throw new Error(`no port specified: ${raw}<empty>`);
  const proto = (slash < 0 || containerPart.slice(slash + 1) === '' ? 'tcp' : containerPart.slice(slash + 1)).toLowerCase();
  if (!['tcp', 'udp', 'sctp'].includes(proto)) throw new Error(`invalid proto: ${proto}`);
  if (ip.startsWith('[')) {
    if (!ip.endsWith(']')) throw new Error(`invalid IP address ${ip}: address ${ip}:: missing ']' in address`);
    ip = ip.slice(1, -1);
  }
  if (ip !== '' && !isIp(ip)) throw new Error(`invalid IP address: ${ip}`);
  let start: number, end: number;
  try { [start, end] = portRange(containerPort); } catch { throw new Error(`invalid containerPort: ${containerPort}`); }
  let hStart = 0, hEnd = 0;
  if (hostPort !== '') {
    try { [hStart, hEnd] = portRange(hostPort); } catch { throw new Error(`invalid hostPort: ${hostPort}`); }
    // a host range with one container port is a range to pick from
    if (end - start !== hEnd - hStart && end !== start) throw new Error(`invalid ranges specified for container and host Ports: ${containerPort} and ${hostPort}`);
  }
  const out: [string, PortBinding][] = [];
  const count = end - start + 1;
  for (let i = 0; i < count; i++) {
    let hp = '';
    if (hostPort !== '') {
      hp = String(hStart + i);
      if (count === 1 && hStart !== hEnd) hp += `-${hEnd}`;
    }
    out.push([`${start + i}/${proto}`, { HostIp: ip, HostPort: hp }]);
  }
  return out;
}

/** `-p` values → ExposedPorts and PortBindings; throws Error with docker's text. */
export function publishFlags(values: string[]): { exposed: Record<string, Record<string, never>>; bindings: Record<string, PortBinding[]> } {
  const exposed: Record<string, Record<string, never>> = {};
  const bindings: Record<string, PortBinding[]> = {};
  for (const v of values) {
    for (const [port, b] of parsePortSpec(standardNotation(v))) {
      exposed[port] = {};
      (bindings[port] ??= []).push(b);
    }
  }
  return { exposed, bindings };
}
