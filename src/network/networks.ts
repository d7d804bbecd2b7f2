/**
 * The predefined networks as docker shows them: `bridge` (berth0), `host` and `none`. berth has no
 * user-defined networks yet; this read-only view is what clients probe (testcontainers inspects
 * `bridge` for its gateway, `docker network ls` lists them).
 */
import { createHash } from 'node:crypto';
import type { NetworkResource } from '../types/network.js';
import { BRIDGE, GATEWAY, MTU, NETWORK_ID, NETWORK_NAME, SUBNET } from './config.js';

const idOf = (name: string) => createHash('sha256').update(`berth-network-${name}`).digest('hex');
// A fixed creation time: the networks exist as long as berth does; docker shows the daemon's first start.
const CREATED = '1970-01-01T00:00:00Z';

function base(name: string, id: string, driver: string): NetworkResource {
  return {
    Name: name, Id: id, Created: CREATED, Scope: 'local', Driver: driver, EnableIPv6: false,
    IPAM: { Driver: 'default', Options: null, Config: [] }, Internal: false, Attachable: false, Ingress: false,
    ConfigFrom: { Network: '' }, ConfigOnly: false, Containers: {}, Options: {}, Labels: {},
  };
}

export function predefinedNetworks(): NetworkResource[] {
  const bridge = base(NETWORK_NAME, NETWORK_ID, 'bridge');
  bridge.IPAM.Config = [{ Subnet: SUBNET, Gateway: GATEWAY }];
  bridge.Options = {
    'com.docker.network.bridge.default_bridge': 'true', 'com.docker.network.bridge.enable_icc': 'true',
    'com.docker.network.bridge.enable_ip_masquerade': 'true', 'com.docker.network.bridge.name': BRIDGE,
    'com.docker.network.driver.mtu': String(MTU),
  };
  return [bridge, base('host', idOf('host'), 'host'), base('none', idOf('none'), 'null')];
}

/** By name, full ID or unique ID prefix, as docker resolves networks. */
export function findNetwork(ref: string): NetworkResource | undefined {
  const all = predefinedNetworks();
  const byName = all.find((n) => n.Name === ref || n.Id === ref);
  if (byName) return byName;
  const prefixed = ref.length > 0 ? all.filter((n) => n.Id.startsWith(ref)) : [];
  return prefixed.length === 1 ? prefixed[0] : undefined;
}
