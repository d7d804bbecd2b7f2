/** exec sessions, the archive endpoints (docker cp), diff, export and commit over the Docker API. */
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ContainerEngine } from '../../engine/engine.js';
import type { ContainerChange, ExecInspect, PathStat } from '../../engine/types.js';
import { EngineError } from '../../lib/errors.js';
import { enc } from './containers.js';
import { hijackHandle } from './hijack.js';
import type { ApiClient } from './http-client.js';

type Ops = Pick<ContainerEngine,
  | 'execCreate' | 'execStart' | 'execResize' | 'execInspect' | 'archiveStat' | 'archiveGet' | 'archivePut'
  | 'containerChanges' | 'exportContainer' | 'commitContainer'>;

/** X-Docker-Container-Path-Stat: base64 JSON. */
function pathStat(header: string | string[] | undefined): PathStat {
  const raw = Array.isArray(header) ? header[0] : header;
  if (!raw) throw new EngineError('INTERNAL', 'the daemon sent no X-Docker-Container-Path-Stat header');
  return JSON.parse(Buffer.from(raw, 'base64').toString('utf8')) as PathStat;
}

export function execArchiveOps(api: ApiClient): Ops {
  // The stream's framing depends on the exec's Tty, which older daemons do not label: remember it.
  const ttyOf = new Map<string, boolean>();
  const inspectExec = (id: string) => api.json<ExecInspect>('GET', `/exec/${enc(id)}/json`);
  const archivePath = (ref: string) => `/containers/${enc(ref)}/archive`;
  return {
    async execCreate(ref, config) {
      const r = await api.json<{ Id: string }>('POST', `/containers/${enc(ref)}/exec`, { body: config });
      ttyOf.set(r.Id, config.Tty === true);
      return { Id: r.Id };
    },
    async execStart(execId, opts = {}) {
      const tty = ttyOf.get(execId) ?? (await inspectExec(execId)).ProcessConfig.tty;
      const body = { Detach: opts.detach === true || !opts.attach, Tty: tty, ConsoleSize: opts.consoleSize ?? undefined };
      if (body.Detach) {
        await api.call('POST', `/exec/${enc(execId)}/start`, { body });
        return {};
      }
      const h = await api.hijack(`/exec/${enc(execId)}/start`, { body });
      return { attach: hijackHandle(h, opts.attach!, { tty }) };
    },
    execResize: (id, rows, cols) => api.call('POST', `/exec/${enc(id)}/resize`, { query: { h: rows, w: cols } }).then(() => undefined),
    execInspect: inspectExec,
    async archiveStat(ref, path) {
      const res = await api.request('HEAD', archivePath(ref), { query: { path } });
      res.resume();
      return pathStat(res.headers['x-docker-container-path-stat']);
    },
    async archiveGet(ref, path) {
      const res = await api.request('GET', archivePath(ref), { query: { path } });
      return { stat: pathStat(res.headers['x-docker-container-path-stat']), tar: res as Readable };
    },
    archivePut: (ref, path, tar, o) => api.call('PUT', archivePath(ref), {
      query: { path, noOverwriteDirNonDir: o?.noOverwriteDirNonDir, copyUIDGID: o?.copyUIDGID },
      body: tar, headers: { 'Content-Type': 'application/x-tar' },
    }).then(() => undefined),
    containerChanges: (ref) => api.json<ContainerChange[] | null>('GET', `/containers/${enc(ref)}/changes`).then((r) => r ?? []),
    async exportContainer(ref, out, signal) {
      const res = await api.request('GET', `/containers/${enc(ref)}/export`, { signal });
      await pipeline(res, out as NodeJS.WritableStream, { end: false });
    },
    commitContainer: (ref, o = {}) => api.json<{ Id: string }>('POST', '/commit', {
      query: { container: ref, repo: o.repo, tag: o.tag, comment: o.comment, author: o.author, changes: o.changes, pause: o.pause },
      body: {},
    }),
  };
}
