/** info, version, df, events and volumes over the Docker API. */
import type { NetworkEngine, SystemEngine, VolumeEngine } from '../../engine/engine.js';
import type { NetworkResource } from '../../types/network.js';
import type { DiskUsage, EngineEvent, EngineVersion, SystemInfo, Volume, VolumeListResponse, VolumePruneReport } from '../../engine/types.js';
import { enc, filtersQuery } from './containers.js';
import { jsonLines, type ApiClient } from './http-client.js';

/** Unix seconds as docker's "seconds.nanoseconds" query value (no exponent, 9 decimals at most). */
export function unixTime(t?: number): string | undefined {
  if (t === undefined) return undefined;
  const s = Math.floor(t);
  const ns = Math.round((t - s) * 1e9);
  return ns ? `${s}.${String(ns).padStart(9, '0')}` : String(s);
}

export function systemOps(api: ApiClient): Omit<SystemEngine, 'resetSystem' | 'systemCheck'> & VolumeEngine & NetworkEngine {
  return {
    info: () => api.json<SystemInfo>('GET', '/info'),
    version: () => api.json<EngineVersion>('GET', '/version'),
    diskUsage: () => api.json<DiskUsage>('GET', '/system/df').then((d): DiskUsage => ({
      LayersSize: d.LayersSize ?? 0, Images: d.Images ?? [], Containers: d.Containers ?? [], Volumes: d.Volumes ?? [], BuildCache: d.BuildCache ?? [],
    })),
    events: (o) => (async function* (): AsyncIterable<EngineEvent> {
      // Without follow, a past-only query: the daemon streams until `until`, so bound it at now.
      const until = o.follow ? o.until : o.until ?? Date.now() / 1000;
      try {
        const res = await api.request('GET', '/events', {
          query: { since: unixTime(o.since), until: unixTime(until), filters: filtersQuery(o.filters) }, signal: o.signal,
        });
        yield* jsonLines<EngineEvent>(res);
      } catch (err) {
        if (!o.signal?.aborted) throw err;
      }
    })(),
    listNetworks: (o) => api.json<NetworkResource[]>('GET', '/networks', { query: { filters: filtersQuery(o?.filters) } }),
    inspectNetwork: (ref) => api.json<NetworkResource>('GET', `/networks/${enc(ref)}`),
    createVolume: (req) => api.json<Volume>('POST', '/volumes/create', { body: req }),
    listVolumes: (o) => api.json<VolumeListResponse>('GET', '/volumes', { query: { filters: filtersQuery(o?.filters) } })
      .then((r) => ({ Volumes: r.Volumes ?? [], Warnings: r.Warnings ?? [] })),
    inspectVolume: (name) => api.json<Volume>('GET', `/volumes/${enc(name)}`),
    removeVolume: (name, o) => api.call('DELETE', `/volumes/${enc(name)}`, { query: { force: o?.force } }).then(() => undefined),
    pruneVolumes: (o) => api.json<VolumePruneReport>('POST', '/volumes/prune', { query: { filters: filtersQuery(o?.filters) } })
      .then((r) => ({ VolumesDeleted: r.VolumesDeleted ?? [], SpaceReclaimed: r.SpaceReclaimed ?? 0 })),
  };
}
