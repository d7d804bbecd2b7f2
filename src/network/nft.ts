/**
 * Published ports and NAT in one nftables table. Ports live in two maps, so publishing or releasing
 * a container's ports is one element change, never a rule rewrite:
 * - DNAT in prerouting (from other hosts and containers) and output (from this host, 127.0.0.1
 *   included) for every local destination address;
 * - masquerade for host-originated connections into the bridge (a 127.0.0.1 source may not leave
 *   loopback; the bridge has route_localnet=1 for the DNATed packet), for hairpin connections
 *   between containers, and for the subnet's outbound traffic;
 * - a guard dropping 127.0.0.0/8 arriving from the bridge, which route_localnet would otherwise
 *   let containers reach (the CVE-2020-8558 class).
 */
import { BRIDGE, NFT_TABLE, SUBNET } from './config.js';
import { runCmd } from './run-cmd.js';
import type { PortMapping } from './types.js';

const dnat = [
  `fib daddr type local dnat ip to ip daddr . meta l4proto . th dport map @ports_ip`,
  `fib daddr type local dnat ip to meta l4proto . th dport map @ports_any`,
];

export const RULESET = `table ip ${NFT_TABLE} {
  map ports_any { type inet_proto . inet_service : ipv4_addr . inet_service; }
  map ports_ip { type ipv4_addr . inet_proto . inet_service : ipv4_addr . inet_service; }
  chain prerouting {
    type nat hook prerouting priority dstnat; policy accept;
    ${dnat.join('\n    ')}
  }
  chain output {
    type nat hook output priority -100; policy accept;
    ${dnat.join('\n    ')}
  }
  chain postrouting {
    type nat hook postrouting priority srcnat; policy accept;
    oifname "${BRIDGE}" fib saddr type local masquerade
    ct status dnat ip saddr ${SUBNET} oifname "${BRIDGE}" masquerade
    ip saddr ${SUBNET} oifname != "${BRIDGE}" masquerade
  }
  chain guard {
    type filter hook prerouting priority raw; policy accept;
    iifname "${BRIDGE}" ip daddr 127.0.0.0/8 drop
  }
}
`;

export async function tableExists(): Promise<boolean> {
  return runCmd('nft', ['list', 'table', 'ip', NFT_TABLE]).then(() => true, () => false);
}

export async function ensureTable(): Promise<void> {
  if (!(await tableExists())) await runCmd('nft', ['-f', '-'], RULESET);
}

export async function deleteTable(): Promise<void> {
  if (await tableExists()) await runCmd('nft', ['delete', 'table', 'ip', NFT_TABLE]);
}

const anyAddr = (ip: string) => ip === '' || ip === '0.0.0.0';
const key = (p: PortMapping) => (anyAddr(p.hostIp) ? `${p.proto} . ${p.hostPort}` : `${p.hostIp} . ${p.proto} . ${p.hostPort}`);
const mapOf = (p: PortMapping) => (anyAddr(p.hostIp) ? 'ports_any' : 'ports_ip');

function elements(verb: 'add' | 'delete', ports: PortMapping[], target?: string): string {
  return ports.map((p) => `${verb} element ip ${NFT_TABLE} ${mapOf(p)} { ${key(p)}${target ? ` : ${target} . ${p.containerPort}` : ''} }\n`).join('');
}

/** DNAT the ports to the container's address; recreates the table if someone flushed it. */
export async function addPorts(ip: string, ports: PortMapping[]): Promise<void> {
  if (!ports.length) return;
  try {
    await runCmd('nft', ['-f', '-'], elements('add', ports, ip));
  } catch {
    await ensureTable();
    await runCmd('nft', ['-f', '-'], elements('add', ports, ip));
  }
}

/** Remove the ports' DNAT; elements already gone are no error (release is idempotent). */
export async function deletePorts(ports: PortMapping[]): Promise<void> {
  if (!ports.length) return;
  try {
    await runCmd('nft', ['-f', '-'], elements('delete', ports));
  } catch {
    // one batch fails as a whole: retry one by one so the ones still there go
    for (const p of ports) await runCmd('nft', ['-f', '-'], elements('delete', [p])).catch(() => undefined);
  }
}
