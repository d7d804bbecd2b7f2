/** The read-only network role over the predefined networks and the running containers' endpoints. */
import { EngineError } from '../lib/errors.js';
import { findNetwork, predefinedNetworks } from '../network/index.js';
import type { ContainerSummary } from '../types/container.js';
import type { NetworkResource } from '../types/network.js';

function matches(n: NetworkResource, filters: Record<string, string[]> | undefined): boolean {
  if (!filters) return true;
  for (const [k, vals] of Object.entries(filters)) {
    if (!vals.length) continue;
    const ok = vals.some((v) => {
      switch (k) {
        case 'name': return n.Name.includes(v);
        case 'id': return n.Id.startsWith(v);
        case 'driver': return n.Driver === v;
        case 'type': return v === 'builtin';
        case 'scope': return v === 'local';
        case 'label': return false;
        default: throw new EngineError('INVALID_ARGUMENT', `invalid filter '${k}'`);
      }
    });
    if (!ok) return false;
  }
  return true;
}

export function listNetworks(filters?: Record<string, string[]>): NetworkResource[] {
  return predefinedNetworks().filter((n) => matches(n, filters));
}

export function inspectNetwork(ref: string, running: ContainerSummary[]): NetworkResource {
  const n = findNetwork(ref);
  if (!n) throw new EngineError('NOT_FOUND', `network ${ref} not found`);
  for (const c of running) {
    const ep = c.NetworkSettings?.Networks?.[n.Name] as Partial<Record<'EndpointID' | 'MacAddress' | 'IPAddress', string>> & { IPPrefixLen?: number } | undefined;
    if (!ep) continue;
    n.Containers[c.Id] = {
      Name: (c.Names[0] ?? '').replace(/^\//, ''), EndpointID: ep.EndpointID ?? '', MacAddress: ep.MacAddress ?? '',
      IPv4Address: ep.IPAddress ? `${ep.IPAddress}/${ep.IPPrefixLen ?? 24}` : '', IPv6Address: '',
    };
  }
  return n;
}
