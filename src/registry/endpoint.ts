/**
 * Where a registry lives and how to talk to it, by docker's rules (moby registry/config.go):
 * docker.io is served by registry-1.docker.io and keyed `https://index.docker.io/v1/` in the
 * credentials file; HTTPS always, plain HTTP too for 127.0.0.0/8, ::1 and the configured
 * insecure registries (host[:port] entries or CIDRs, names resolved as docker resolves them).
 */
import { BlockList, isIP } from 'node:net';
import { lookup } from 'node:dns/promises';
import type { RegistryConfig } from './config.js';

export const DOCKER_HUB_DOMAIN = 'docker.io';
export const DOCKER_HUB_HOST = 'registry-1.docker.io';
export const DOCKER_HUB_AUTH_KEY = 'https://index.docker.io/v1/';

/** The host:port the v2 API is served from. */
export function apiHost(domain: string): string {
  return domain === DOCKER_HUB_DOMAIN || domain === 'index.docker.io' ? DOCKER_HUB_HOST : domain;
}

/** docker's credentials key: `https://index.docker.io/v1/` for Docker Hub, host[:port] otherwise. */
export function authKey(domain: string): string {
  return domain === DOCKER_HUB_DOMAIN || domain === 'index.docker.io' || domain === DOCKER_HUB_AUTH_KEY ? DOCKER_HUB_AUTH_KEY : domain;
}

/** Strip a scheme and path: `https://host:5000/v2/` → host:5000 (docker's ConvertToHostname). */
export function toHostname(server: string): string {
  let s = server;
  const m = /^[a-z][a-z0-9+.-]*:\/\/(.*)$/i.exec(s);
  if (m) s = m[1]!;
  return s.split('/')[0]!;
}

/** Split host[:port], [v6]:port included; the host comes back without brackets. */
export function splitHostPort(hostport: string): { host: string; port?: string } {
  const v6 = /^\[([^\]]+)\](?::(\d+))?$/.exec(hostport);
  if (v6) return { host: v6[1]!, port: v6[2] };
  const i = hostport.lastIndexOf(':');
  if (i > 0 && hostport.indexOf(':') === i) return { host: hostport.slice(0, i), port: hostport.slice(i + 1) };
  return { host: hostport };
}

function blockList(cidrs: string[]): BlockList {
  const list = new BlockList();
  for (const c of cidrs) {
    const [addr, bits] = c.split('/');
    const type = isIP(addr ?? '') === 6 ? 'ipv6' : 'ipv4';
    if (isIP(addr ?? '') && bits !== undefined && /^\d+$/.test(bits)) list.addSubnet(addr!, Number(bits), type);
  }
  return list;
}

/** Does docker allow plain HTTP (and unverified TLS) for this registry? */
export async function isInsecure(domain: string, cfg: Pick<RegistryConfig, 'insecureRegistries'>): Promise<boolean> {
  const named = cfg.insecureRegistries.filter((r) => !r.includes('/')).map(toHostname);
  if (named.includes(domain)) return true;
  const cidrs = ['127.0.0.0/8', '::1/128', ...cfg.insecureRegistries.filter((r) => r.includes('/'))];
  const list = blockList(cidrs);
  const { host } = splitHostPort(domain);
  let addrs: string[];
  if (isIP(host)) addrs = [host];
  else {
    try {
      addrs = (await lookup(host, { all: true })).map((a) => a.address);
    } catch {
      return false; // unresolvable: docker treats it as secure and fails later with the dial error
    }
  }
  return addrs.some((a) => list.check(a, isIP(a) === 6 ? 'ipv6' : 'ipv4'));
}
