/** Container lifecycle over the Docker API: create, start (with attach), stop, list, logs, wait, … */
import type { ContainerEngine } from '../../engine/engine.js';
import type {
  AttachHandle, AttachStreams, ContainerInspect, ContainerPruneResult, ContainerStatsJSON, ContainerSummary,
  ContainerTopResult, ContainerUpdateResult, HostConfig, LogLine, LogsOptions,
} from '../../engine/types.js';
import { EngineError } from '../../lib/errors.js';
import { hijackHandle } from './hijack.js';
import { jsonLines, type ApiClient } from './http-client.js';
import { FrameReader } from './stdcopy.js';

/** A name or reference in a path: escaped, but '/' and ':' kept as the docker client sends them. */
export const enc = (s: string): string => encodeURIComponent(s).replace(/%2F/gi, '/').replace(/%3A/gi, ':');
export const filtersQuery = (f?: Record<string, string[]>): string | undefined => (f && Object.keys(f).length ? JSON.stringify(f) : undefined);

/**
 * berth's CLI names its one log driver (k8s-file) where docker sends "": remotely that means the
 * daemon's default (dockerd has no k8s-file; berth serve's default is k8s-file).
 */
function remoteHostConfig(hc: HostConfig): HostConfig {
  if (hc.LogConfig?.Type !== 'k8s-file') return hc;
  return { ...hc, LogConfig: { ...hc.LogConfig, Type: '' } };
}

/**
 * A start failure's exit code for `run` (126/127). The API carries only the daemon's text, so this
 * is the docker CLI's own rule (cli/command/container/run.go), applied to the message it reads.
 */
function withStartExitCode(err: unknown): unknown {
  if (!(err instanceof EngineError) || typeof err.detail?.exitCode === 'number') return err;
  const m = err.message;
  const exitCode = /executable file not found|no such file or directory/.test(m) ? 127 : /permission denied|is a directory/.test(m) ? 126 : undefined;
  return exitCode === undefined ? err : new EngineError(err.code, m, { cause: err, detail: { ...err.detail, exitCode } });
}

type Ops = Pick<ContainerEngine,
  | 'createContainer' | 'startContainer' | 'attachContainer' | 'stopContainer' | 'restartContainer' | 'killContainer'
  | 'pauseContainer' | 'unpauseContainer' | 'removeContainer' | 'listContainers' | 'inspectContainer' | 'containerLogs'
  | 'waitContainer' | 'resizeContainer' | 'renameContainer' | 'pruneContainers' | 'containerTop' | 'containerStats' | 'updateContainer'>;

/** POST attach with Upgrade: tcp; the daemon answers 101 at once, even before start (docker run). */
async function attach(api: ApiClient, info: ContainerInspect, streams: AttachStreams): Promise<AttachHandle> {
  const h = await api.hijack(`/containers/${enc(info.Id)}/attach`, {
    query: { stream: true, stdin: !!streams.stdin, stdout: !!streams.stdout, stderr: !!streams.stderr },
  });
  return hijackHandle(h, streams, { tty: info.Config.Tty === true });
}

/** Abort-tolerant iteration: a caller's cancel ends the stream quietly, other failures propagate. */
async function* quietOnAbort<T>(it: AsyncIterable<T>, signal?: AbortSignal): AsyncIterable<T> {
  try { yield* it; } catch (err) { if (!signal?.aborted) throw err; }
}

async function* logLines(api: ApiClient, ref: string, o: LogsOptions): AsyncIterable<LogLine> {
  const info = await api.json<ContainerInspect>('GET', `/containers/${enc(ref)}/json`);
  const res = await api.request('GET', `/containers/${enc(info.Id)}/logs`, {
    query: {
      stdout: o.stdout !== false, stderr: o.stderr !== false, follow: o.follow, since: o.since, until: o.until,
      tail: o.tail === undefined ? 'all' : o.tail, timestamps: true,
    },
    signal: o.signal,
  });
  // timestamps=1 always: LogLine carries the time; the caller prints it only when asked.
  const split = (stream: LogLine['stream'], payload: Buffer): LogLine => {
    const sp = payload.indexOf(0x20);
    const looksTimed = sp > 0 && /^\d{4}-\d\d-\d\dT/.test(payload.subarray(0, Math.min(sp, 12)).toString());
    return looksTimed
      ? { stream, time: payload.subarray(0, sp).toString(), line: payload.subarray(sp + 1) }
      : { stream, time: '', line: payload };
  };
  if (info.Config.Tty !== true) {
    const reader = new FrameReader();
    for await (const chunk of res) for (const f of reader.push(chunk as Buffer)) yield split(f.stream === 'stderr' ? 'stderr' : 'stdout', f.payload);
    return;
  }
  let rest = Buffer.alloc(0);
  for await (const chunk of res) {
    rest = Buffer.concat([rest, chunk as Buffer]);
    let nl: number;
    while ((nl = rest.indexOf(0x0a)) >= 0) {
      yield split('stdout', rest.subarray(0, nl + 1));
      rest = rest.subarray(nl + 1);
    }
  }
  if (rest.length) yield split('stdout', rest);
}

export function containerOps(api: ApiClient): Ops {
  const inspect = (ref: string) => api.json<ContainerInspect>('GET', `/containers/${enc(ref)}/json`);
  const post = (ref: string, verb: string, query = {}) => api.call('POST', `/containers/${enc(ref)}/${verb}`, { query }).then(() => undefined);
  return {
    createContainer: (req) => api.json('POST', '/containers/create', {
      query: { name: req.name }, body: { ...req.config, HostConfig: remoteHostConfig(req.hostConfig) },
    }).then((r) => { const x = r as { Id: string; Warnings?: string[] | null }; return { Id: x.Id, Warnings: x.Warnings ?? [] }; }, (err: unknown) => {
      // docker's rule: a 404 from create is the missing image (the CLI pulls, then retries)
      if (err instanceof EngineError && err.code === 'NOT_FOUND') throw new EngineError('NOT_FOUND', err.message, { cause: err, detail: { ...err.detail, object: 'image' } });
      throw err;
    }),
    async startContainer(ref, opts) {
      const info = await inspect(ref);
      // docker run's order: attach first so no output is lost, then start.
      const handle = opts?.attach ? await attach(api, info, opts.attach) : undefined;
      try {
        const status = await api.call('POST', `/containers/${enc(info.Id)}/start`, { allow304: true });
        return { attach: handle, alreadyRunning: status === 304 };
      } catch (err) {
        handle?.close();
        throw withStartExitCode(err);
      }
    },
    attachContainer: async (ref, streams) => attach(api, await inspect(ref), streams),
    stopContainer: (ref, o) => api.call('POST', `/containers/${enc(ref)}/stop`, { query: { t: o?.timeout, signal: o?.signal }, allow304: true }).then((s) => s !== 304),
    restartContainer: (ref, o) => post(ref, 'restart', { t: o?.timeout, signal: o?.signal }),
    killContainer: (ref, signal) => post(ref, 'kill', { signal }),
    pauseContainer: (ref) => post(ref, 'pause'),
    unpauseContainer: (ref) => post(ref, 'unpause'),
    removeContainer: (ref, o) => api.call('DELETE', `/containers/${enc(ref)}`, { query: { force: o?.force, v: o?.volumes } }).then(() => undefined),
    listContainers: (o) => api.json<ContainerSummary[]>('GET', '/containers/json', {
      query: { all: o?.all, limit: o?.limit, size: o?.size, filters: filtersQuery(o?.filters) },
    }).then((list) => list.map((c) => ({ ...c, Names: c.Names ?? [], Ports: c.Ports ?? [], Labels: c.Labels ?? {}, Mounts: c.Mounts ?? [] }))),
    inspectContainer: inspect,
    containerLogs: (ref, o) => quietOnAbort(logLines(api, ref, o), o.signal),
    async waitContainer(ref, condition, signal) {
      const r = await api.json<{ StatusCode: number; Error?: { Message?: string } | null }>('POST', `/containers/${enc(ref)}/wait`, { query: { condition }, signal });
      if (r.StatusCode < 0 && r.Error?.Message) throw new EngineError('INTERNAL', r.Error.Message);
      return { StatusCode: r.StatusCode };
    },
    resizeContainer: (ref, rows, cols) => post(ref, 'resize', { h: rows, w: cols }),
    renameContainer: (ref, name) => post(ref, 'rename', { name }),
    pruneContainers: (o) => api.json<ContainerPruneResult>('POST', '/containers/prune', { query: { filters: filtersQuery(o?.filters) } })
      .then((r) => ({ ContainersDeleted: r.ContainersDeleted ?? [], SpaceReclaimed: r.SpaceReclaimed ?? 0 })),
    containerTop: (ref, psArgs) => api.json<ContainerTopResult>('GET', `/containers/${enc(ref)}/top`, { query: { ps_args: psArgs } }),
    containerStats: (ref, o) => quietOnAbort((async function* () {
      const res = await api.request('GET', `/containers/${enc(ref)}/stats`, {
        query: { stream: o?.stream === true, 'one-shot': o?.oneShot }, signal: o?.signal,
      });
      yield* jsonLines<ContainerStatsJSON>(res);
    })(), o?.signal),
    updateContainer: (ref, update) => api.json<ContainerUpdateResult>('POST', `/containers/${enc(ref)}/update`, { body: update })
      .then((r) => ({ Warnings: r?.Warnings ?? [] })),
  };
}
