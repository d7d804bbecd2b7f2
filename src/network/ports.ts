/**
 * Published ports between Docker's API shapes and leases: HostConfig.PortBindings (+ -P over the
 * exposed ports) → what to reserve, and a lease → NetworkSettings.Ports and the ps PORTS entries.
 */
import { invalid, notImplemented } from '../lib/errors.js';
import type { ContainerConfig, HostConfig, PortBinding } from '../types/container.js';
import type { Lease, PortProto, PortRequest } from './types.js';

const PROTOS = new Set(['tcp', 'udp', 'sctp']);

/** "80/tcp" (or "80") → [port, proto]; ranges are expanded by the client, as the docker CLI does. */
export function splitPortKey(key: string): [number, PortProto] {
  const [num = '', proto = 'tcp'] = key.split('/');
  const port = /^\d+$/.test(num) ? Number(num) : NaN;
  if (!(port >= 1 && port <= 65535)) throw invalid(`invalid port specification: ${JSON.stringify(num)}`);
  if (!PROTOS.has(proto.toLowerCase())) throw invalid(`invalid proto: ${proto}`);
  return [port, proto.toLowerCase() as PortProto];
}

function hostPortRange(v: string | undefined): [number, number] {
  if (!v || v === '0') return [0, 0];
  const m = /^(\d+)(?:-(\d+))?$/.exec(v);
  const lo = m ? Number(m[1]) : NaN;
  const hi = m?.[2] ? Number(m[2]) : lo;
  if (!(lo >= 0 && hi <= 65535 && lo <= hi)) throw invalid(`invalid port specification: ${JSON.stringify(v)}`);
  return [lo, hi];
}

function hostIpOf(b: PortBinding): string {
  const ip = (b.HostIp ?? '').replace(/^\[(.*)\]$/, '$1');
  if (ip === '' || ip === '0.0.0.0') return '';
  if (ip.includes(':')) {
    if (ip === '::') return ''; // docker binds both families for "::"; berth's bridge is IPv4 only
    throw notImplemented(`berth publishes ports on IPv4 addresses only, not ${ip}`);
  }
  if (!/^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.test(ip) || ip.split('.').some((x) => Number(x) > 255)) throw invalid(`invalid IP address: ${ip}`);
  return ip;
}

/** Every port to publish: explicit bindings, then (with -P) each other exposed port on a random one. */
export function portRequests(config: ContainerConfig, h: HostConfig): PortRequest[] {
  const out: PortRequest[] = [];
  const bound = new Set<string>();
  for (const [key, bindings] of Object.entries(h.PortBindings ?? {})) {
    const [containerPort, proto] = splitPortKey(key);
    bound.add(`${containerPort}/${proto}`);
    for (const b of bindings ?? []) {
      const [hostPortStart, hostPortEnd] = hostPortRange(b.HostPort);
      out.push({ proto, containerPort, hostIp: hostIpOf(b), hostPortStart, hostPortEnd });
    }
  }
  if (h.PublishAllPorts) {
    for (const key of Object.keys(config.ExposedPorts ?? {})) {
      const [containerPort, proto] = splitPortKey(key);
      if (bound.has(`${containerPort}/${proto}`)) continue;
      out.push({ proto, containerPort, hostIp: '', hostPortStart: 0, hostPortEnd: 0 });
    }
  }
  return out;
}

/** NetworkSettings.Ports: published ones with their host side, exposed-only ones as null. */
export function portMap(lease: Lease | undefined, exposed: Record<string, unknown> | undefined): Record<string, PortBinding[] | null> {
  const out: Record<string, PortBinding[] | null> = {};
  for (const key of Object.keys(exposed ?? {})) out[key.includes('/') ? key : `${key}/tcp`] = null;
  for (const p of lease?.ports ?? []) {
    const key = `${p.containerPort}/${p.proto}`;
    (out[key] ??= []).push({ HostIp: p.hostIp || '0.0.0.0', HostPort: String(p.hostPort) });
  }
  return out;
}

/** GET /containers/json Ports: published and exposed-only entries, docker's sort (port, then type). */
export function summaryPorts(lease: Lease | undefined, exposed: Record<string, unknown> | undefined): { IP?: string; PrivatePort: number; PublicPort?: number; Type: string }[] {
  const out: { IP?: string; PrivatePort: number; PublicPort?: number; Type: string }[] = [];
  const published = new Set<string>();
  for (const p of lease?.ports ?? []) {
    published.add(`${p.containerPort}/${p.proto}`);
    out.push({ IP: p.hostIp || '0.0.0.0', PrivatePort: p.containerPort, PublicPort: p.hostPort, Type: p.proto });
  }
  for (const key of Object.keys(exposed ?? {})) {
    const [port = '', proto = 'tcp'] = key.split('/');
    if (!published.has(`${port}/${proto}`) && /^\d+$/.test(port)) out.push({ PrivatePort: Number(port), Type: proto });
  }
  return out.sort((a, b) => a.PrivatePort - b.PrivatePort || a.Type.localeCompare(b.Type) || (a.PublicPort ?? 0) - (b.PublicPort ?? 0));
}
