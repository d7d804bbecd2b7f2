/**
 * Per-container /etc/hostname, /etc/hosts and /etc/resolv.conf, written beside the bundle and
 * bind-mounted, as dockerd does (libnetwork etchosts/resolvconf).
 */
import { readFileSync } from 'node:fs';
import { writeFileAtomic } from '../lib/atomic.js';
import type { ContainerPaths } from './paths.js';

export function hostsContent(hostname: string, ip?: string): string {
  const lines = [
    '127.0.0.1\tlocalhost', '::1\tlocalhost ip6-localhost ip6-loopback', 'fe00::\tip6-localnet',
    'ff00::\tip6-mcastprefix', 'ff02::1\tip6-allnodes', 'ff02::2\tip6-allrouters',
  ];
  if (ip) lines.push(`${ip}\t${hostname}`);
  return lines.join('\n') + '\n';
}

/** The first of `paths` that can be read. */
function readFirst(paths: string[]): string | undefined {
  for (const p of paths) {
    try { return readFileSync(p, 'utf8'); } catch { /* next */ }
  }
  return undefined;
}

/** The host's resolv.conf with loopback nameservers removed; Google DNS when none remain (docker's rule). */
export function resolvConfContent(hostResolv?: string): string {
  // on a systemd-resolved host /etc/resolv.conf names only the 127.0.0.53 stub: use the real list
  const text = hostResolv ?? readFirst(['/run/systemd/resolve/resolv.conf', '/etc/resolv.conf']);
  const kept = (text ?? '').split('\n').filter((l) => !/^\s*nameserver\s+(127\.|::1\b)/.test(l));
  while (kept.length && kept[kept.length - 1] === '') kept.pop(); // the final newline, before any fallback
  if (!kept.some((l) => /^\s*nameserver\s/.test(l))) kept.push('nameserver 8.8.8.8', 'nameserver 8.8.4.4');
  return kept.join('\n') + '\n';
}

export async function writeEtcFiles(paths: ContainerPaths, id: string, hostname: string, opts: { networkMode?: string; ip?: string } = {}): Promise<void> {
  const host = opts.networkMode === 'host';
  await writeFileAtomic(paths.hostname(id), `${host ? readFileSync('/etc/hostname', 'utf8').trim() : hostname}\n`);
  await writeFileAtomic(paths.hosts(id), host ? readFileSync('/etc/hosts', 'utf8') : hostsContent(hostname, opts.ip));
  await writeFileAtomic(paths.resolvConf(id), resolvConfContent());
}
