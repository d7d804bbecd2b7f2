/**
 * What the container lifecycle asks of the network: validate the mode at create, reserve the
 * address and ports before the container exists (a taken port fails the start before runc runs),
 * attach once the init is parked, release on exit, and describe it for inspect and ps.
 */
import { notFound, notImplemented } from '../lib/errors.js';
import type { ContainerConfig, HostConfig } from '../types/container.js';
import { GATEWAY, NETWORK_ID, PREFIX_LEN } from './config.js';
import { allocate, confirmLease, readLease, releaseLease } from './leases.js';
import { attachInterface, removeHostInterface } from './attach.js';
import { addPorts } from './nft.js';
import { portMap, portRequests } from './ports.js';
import type { Lease } from './types.js';

export type NetworkMode = 'bridge' | 'host' | 'none';

/** docker's modes: "default"/"bridge" (the default), "host", "none"; other networks do not exist. */
export function networkModeOf(mode: string | undefined): NetworkMode {
  if (!mode || mode === 'default' || mode === 'bridge') return 'bridge';
  if (mode === 'host' || mode === 'none') return mode;
  if (mode.startsWith('container:')) throw notImplemented('berth does not support --network container:<name> yet');
  throw notFound(`network ${mode} not found`);
}

/**
 * Create-time checks: the mode exists and the port bindings parse (nothing is reserved yet). With
 * host or none, published ports are ignored, as dockerd discards them.
 */
export function validateNetwork(config: ContainerConfig, h: HostConfig): void {
  networkModeOf(h.NetworkMode);
  portRequests(config, h);
}

export interface NetworkRequest { id: string; root: string; name: string; config: ContainerConfig; hostConfig: HostConfig }

/** Reserve address and ports for a bridge container (undefined for host/none). */
export async function reserveNetwork(req: NetworkRequest): Promise<Lease | undefined> {
  if (networkModeOf(req.hostConfig.NetworkMode) !== 'bridge') return undefined;
  const ports = portRequests(req.config, req.hostConfig);
  return allocate({ id: req.id, root: req.root, name: req.name, ports });
}

/** Give the parked container its interface and publish its ports. */
export async function attachNetwork(lease: Lease, pid: number): Promise<void> {
  await attachInterface(lease, pid);
  await addPorts(lease.ip, lease.ports);
  await confirmLease(lease.id, pid);
}

/** Free address and ports (only those of run `pid` when given); true if a lease was released. */
export async function releaseNetwork(id: string, pid?: number): Promise<boolean> {
  const released = await releaseLease(id, pid);
  await removeHostInterface(id);
  return released !== undefined;
}

export const containerLease = readLease;

/** NetworkSettings of inspect: the live lease while running, empty endpoint fields otherwise. */
export function networkSettings(mode: string | undefined, lease: Lease | undefined, config: ContainerConfig): Record<string, unknown> {
  const m = (() => { try { return networkModeOf(mode); } catch { return 'bridge' as const; } })();
  const live = m === 'bridge' ? lease : undefined;
  const endpoint = {
    IPAMConfig: null, Links: null, Aliases: null, MacAddress: live?.mac ?? '', DriverOpts: null, GwPriority: 0,
    NetworkID: m === 'bridge' ? NETWORK_ID : '', EndpointID: live ? live.id : '', Gateway: live ? GATEWAY : '',
    IPAddress: live?.ip ?? '', IPPrefixLen: live ? PREFIX_LEN : 0, IPv6Gateway: '', GlobalIPv6Address: '', GlobalIPv6PrefixLen: 0, DNSNames: null,
  };
  return {
    Bridge: '', SandboxID: live ? live.id : '', SandboxKey: live?.pid ? `/proc/${live.pid}/ns/net` : '',
    Ports: m === 'bridge' && live ? portMap(live, config.ExposedPorts) : {},
    HairpinMode: false, LinkLocalIPv6Address: '', LinkLocalIPv6PrefixLen: 0, SecondaryIPAddresses: null, SecondaryIPv6Addresses: null,
    EndpointID: endpoint.EndpointID, Gateway: endpoint.Gateway, GlobalIPv6Address: '', GlobalIPv6PrefixLen: 0,
    IPAddress: endpoint.IPAddress, IPPrefixLen: endpoint.IPPrefixLen, IPv6Gateway: '', MacAddress: endpoint.MacAddress,
    Networks: { [m]: endpoint },
  };
}
