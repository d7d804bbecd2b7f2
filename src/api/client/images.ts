/** Images over the Docker API: list, inspect, history, tag, remove, prune, import, load, save. */
import { pipeline } from 'node:stream/promises';
import type { ImageEngine } from '../../engine/engine.js';
import type { ImageDeleteItem, ImageHistoryItem, ImageInspect, ImagePruneResult, ImageSummary, LoadResult } from '../../engine/types.js';
import { EngineError } from '../../lib/errors.js';
import { enc, filtersQuery } from './containers.js';
import { jsonLines, type ApiClient } from './http-client.js';

type Ops = Omit<ImageEngine, 'imageLayers' | 'createDemoImage'>;

/** "host:5000/a/b:tag" → ["host:5000/a/b", "tag"]; a port colon is not a tag separator. */
export function splitTag(ref: string): { repo: string; tag?: string } {
  if (ref.includes('@')) return { repo: ref };
  const colon = ref.lastIndexOf(':');
  if (colon > ref.lastIndexOf('/')) return { repo: ref.slice(0, colon), tag: ref.slice(colon + 1) };
  return { repo: ref };
}

/** One line of docker's JSON message stream (progress, build output, load results). */
export interface JsonMessage {
  status?: string;
  id?: string;
  stream?: string;
  progressDetail?: { current?: number; total?: number };
  aux?: Record<string, unknown>;
  error?: string;
  errorDetail?: { message?: string; code?: number };
}

/** The stream's `error` line is the operation's failure, reported after a 200. */
export function messageError(m: JsonMessage): EngineError | undefined {
  const text = m.errorDetail?.message ?? m.error;
  return text ? new EngineError('INTERNAL', text) : undefined;
}

export function imageOps(api: ApiClient): Ops {
  return {
    // dockerd sends null for empty lists and maps (Go's nil); every surface expects them present
    listImages: (o) => api.json<ImageSummary[]>('GET', '/images/json', { query: { all: o?.all, filters: filtersQuery(o?.filters) } })
      .then((list) => list.map((i) => ({ ...i, RepoTags: i.RepoTags ?? [], RepoDigests: i.RepoDigests ?? [], Labels: i.Labels ?? {} }))),
    inspectImage: (ref) => api.json<ImageInspect>('GET', `/images/${enc(ref)}/json`)
      .then((i) => ({ ...i, RepoTags: i.RepoTags ?? [], RepoDigests: i.RepoDigests ?? [] })),
    imageHistory: (ref) => api.json<ImageHistoryItem[]>('GET', `/images/${enc(ref)}/history`),
    async tagImage(source, target) {
      const { repo, tag } = splitTag(target);
      await api.call('POST', `/images/${enc(source)}/tag`, { query: { repo, tag } });
    },
    removeImage: (ref, o) => api.json<ImageDeleteItem[]>('DELETE', `/images/${enc(ref)}`, { query: { force: o?.force, noprune: o?.noPrune } }),
    pruneImages: (o) => {
      const filters = { ...(o?.filters ?? {}), ...(o?.all ? { dangling: ['false'] } : {}) };
      return api.json<ImagePruneResult>('POST', '/images/prune', { query: { filters: filtersQuery(filters) } })
        .then((r) => ({ ImagesDeleted: r.ImagesDeleted ?? [], SpaceReclaimed: r.SpaceReclaimed ?? 0 }));
    },
    async importImage(tar, o = {}) {
      const { repo, tag } = o.reference ? splitTag(o.reference) : { repo: undefined, tag: undefined };
      const res = await api.request('POST', '/images/create', {
        query: { fromSrc: '-', repo, tag, message: o.message, changes: o.changes, platform: o.platform },
        body: tar, headers: { 'Content-Type': 'application/x-tar' },
      });
      let id = '';
      for await (const m of jsonLines<JsonMessage>(res)) {
        const err = messageError(m);
        if (err) throw err;
        if (m.status?.startsWith('sha256:')) id = m.status.trim();
      }
      if (!id) throw new EngineError('INTERNAL', 'the daemon did not report the imported image ID');
      return id;
    },
    async loadImages(tar, o) {
      const res = await api.request('POST', '/images/load', {
        query: { quiet: true }, body: tar, headers: { 'Content-Type': 'application/x-tar' }, signal: o?.signal,
      });
      const loaded: LoadResult['loaded'] = [];
      for await (const m of jsonLines<JsonMessage>(res)) {
        const err = messageError(m);
        if (err) throw err;
        for (const line of (m.stream ?? '').split('\n')) {
          const byId = /^Loaded image ID: (\S+)/.exec(line);
          const byTag = /^Loaded image: (\S+)/.exec(line);
          if (byId) loaded.push({ id: byId[1]! });
          else if (byTag) loaded.push({ tag: byTag[1]!, id: (await api.json<ImageInspect>('GET', `/images/${enc(byTag[1]!)}/json`)).Id });
        }
      }
      return { loaded };
    },
    async saveImages(refs, out) {
      const res = await api.request('GET', '/images/get', { query: { names: refs } });
      await pipeline(res, out as NodeJS.WritableStream, { end: false });
    },
  };
}
