/** Container networking: the project bridge, address and port leases, NAT, and their API shapes. */
export type { Lease, PortMapping, PortRequest, PortProto } from './types.js';
export { BRIDGE, SUBNET, GATEWAY, NFT_TABLE, STATE_DIR, NETWORK_ID } from './config.js';
export {
  networkModeOf, validateNetwork, reserveNetwork, attachNetwork, releaseNetwork, containerLease, networkSettings,
  type NetworkMode, type NetworkRequest,
} from './container-network.js';
export { portRequests, portMap, summaryPorts, splitPortKey } from './ports.js';
export { listLeases, reclaimStale } from './leases.js';
export { hostIfName } from './attach.js';
export { ensureBridge, bridgeExists, removeBridge } from './bridge.js';
export { resetNetwork, type NetworkResetResult } from './reset.js';
export { probePort } from './probe.js';
export { predefinedNetworks, findNetwork } from './networks.js';
