/**
 * The project bridge: one host-wide Linux bridge with a /24 that docker (172.17/16), podman
 * (10.88/16), libvirt (192.168.122/24) and Kubernetes' usual ranges (10.96/12, 10.244/16) leave
 * alone. Its state (address leases, published ports) is host-wide too, under /run: it lives exactly
 * as long as the network namespaces it describes (a reboot clears both).
 */
export const BRIDGE = 'berth0';
export const SUBNET = '10.213.47.0/24';
export const SUBNET_BASE = '10.213.47.';
export const GATEWAY = '10.213.47.1';
export const PREFIX_LEN = 24;
/** loopback-like MTU on the veth pairs: forwarded bulk transfers run at close to loopback speed. */
export const MTU = 65520;
export const NFT_TABLE = 'berth';
export const STATE_DIR = '/run/berth/network';
/** docker's network name and a stable ID for it (the bridge's, like `docker network ls` shows). */
export const NETWORK_NAME = 'bridge';
export const NETWORK_ID = 'b3e7a1d2c4f5061728394a5b6c7d8e9f0a1b2c3d4e5f60718293a4b5c6d7e8f9';
