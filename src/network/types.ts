/** Network shapes: a published port and the host-wide lease of a container's address and ports. */

export type PortProto = 'tcp' | 'udp' | 'sctp';

/** One published port: host address and port → the container's port. */
export interface PortMapping {
  proto: PortProto;
  containerPort: number;
  /** '' = every host address (docker shows 0.0.0.0). */
  hostIp: string;
  hostPort: number;
}

/** What a container asks for: a fixed host port, a range to pick from, or any (0-0). */
export interface PortRequest {
  proto: PortProto;
  containerPort: number;
  hostIp: string;
  hostPortStart: number;
  hostPortEnd: number;
}

/** /run/berth/network/leases/<container id>.json */
export interface Lease {
  id: string;
  /** State root of the container (several roots share the bridge). */
  root: string;
  name: string;
  ip: string;
  mac: string;
  ports: PortMapping[];
  /** The berth process that allocated it; the lease is stale if it dies before `pid` is set. */
  owner: number;
  /** The container's init, once its interface is attached; stale when it is gone. */
  pid?: number;
  pidStart?: string;
  created: string;
}
