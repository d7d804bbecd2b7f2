/**
 * A container's place on the bridge, made between `runc create` and `runc start` (the init is
 * parked, its network namespace exists): a veth pair whose container end is created directly in
 * that namespace as eth0, the host end enslaved to the bridge (hairpin on, so a container reaches
 * its own published ports), then address and default route inside. The namespace belongs to the
 * container, so when the container's last process exits the kernel removes the pair: nothing of
 * the container's network outlives it except its lease, released on exit.
 */
import { existsSync } from 'node:fs';
import { BRIDGE, GATEWAY, MTU, PREFIX_LEN } from './config.js';
import { runCmd } from './run-cmd.js';
import type { Lease } from './types.js';

/** Host end of a container's pair: "vb" + 12 hex of its ID (interface names stop at 15 chars). */
export const hostIfName = (id: string) => `vb${id.slice(0, 12)}`;

export async function attachInterface(lease: Lease, pid: number): Promise<void> {
  const host = hostIfName(lease.id);
  await runCmd('ip', ['-batch', '-'], [
    `link add ${host} mtu ${MTU} type veth peer name eth0 mtu ${MTU} address ${lease.mac} netns ${pid}`,
    `link set ${host} master ${BRIDGE} up`,
    `link set ${host} type bridge_slave hairpin on`,
  ].join('\n') + '\n');
  await runCmd('nsenter', [`--net=/proc/${pid}/ns/net`, 'ip', '-batch', '-'], [
    `addr add ${lease.ip}/${PREFIX_LEN} dev eth0`,
    'link set eth0 up',
    `route add default via ${GATEWAY}`,
  ].join('\n') + '\n');
}

/** The host end, if a failed start left it (normally it goes with the container's namespace). */
export async function removeHostInterface(id: string): Promise<void> {
  const host = hostIfName(id);
  if (existsSync(`/sys/class/net/${host}`)) await runCmd('ip', ['link', 'del', host]).catch(() => undefined);
}
