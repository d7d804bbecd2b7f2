/**
 * The rest of /containers/{id}/…: changes, export, pause/unpause, rename, top, stats, update,
 * and POST /containers/prune. Statuses come from the engine's error codes (http-util.ts).
 */
import type { ServerResponse } from 'node:http';
import type { ContainerStatsJSON, ContainerUpdateRequest } from '../../engine/types.js';
import { EngineError } from '../../lib/errors.js';
import { commonHeaders, qFilters, readJson, sendEmpty, sendJson } from './http-util.js';
import type { Ctx, Route } from './route-types.js';

/**
 * httputils.BoolValueOrDefault: absent or empty is the default; otherwise anything but
 * 0/no/false/none (any case) is true, so `stream=False` is false and `stream=yes` true.
 */
export function boolOr(q: URLSearchParams, name: string, dflt: boolean): boolean {
  const v = q.get(name);
  if (v === null || v.trim() === '') return dflt;
  return !['0', 'no', 'false', 'none'].includes(v.trim().toLowerCase());
}

/** GET /stats query → engine options: stream by default; one-shot only without streaming (400 as dockerd). */
export function statsQuery(q: URLSearchParams): { stream: boolean; oneShot: boolean } {
  const stream = boolOr(q, 'stream', true);
  const oneShot = boolOr(q, 'one-shot', false);
  if (stream && oneShot) throw new EngineError('INVALID_ARGUMENT', 'cannot have stream=true and one-shot=true');
  return { stream, oneShot };
}

/** One sample as a line of the stream (dockerd's json.Encoder: the object and a newline). */
export function statsLine(s: ContainerStatsJSON): string {
  return JSON.stringify(s) + '\n';
}

async function changes({ engine, res, params: [ref = ''] }: Ctx): Promise<void> {
  sendJson(res, 200, await engine.containerChanges(ref));
}

/** 404 before the 200 goes out; after it, a failure can only cut the tar short. */
async function exportTar({ engine, res, params: [ref = ''] }: Ctx): Promise<void> {
  const { Id } = await engine.inspectContainer(ref);
  const ac = new AbortController();
  res.on('close', () => ac.abort());
  res.writeHead(200, { ...commonHeaders(), 'Content-Type': 'application/x-tar' });
  try {
    await engine.exportContainer(Id, res, ac.signal);
    res.end();
  } catch {
    res.destroy();
  }
}

async function pause({ engine, res, params: [ref = ''] }: Ctx): Promise<void> {
  await engine.pauseContainer(ref);
  sendEmpty(res, 204);
}

async function unpause({ engine, res, params: [ref = ''] }: Ctx): Promise<void> {
  await engine.unpauseContainer(ref);
  sendEmpty(res, 204);
}

async function rename({ engine, q, res, params: [ref = ''] }: Ctx): Promise<void> {
  const name = q.get('name');
  if (!name) throw new EngineError('INVALID_ARGUMENT', 'Neither old nor new names may be empty');
  await engine.renameContainer(ref, name);
  sendEmpty(res, 204);
}

async function top({ engine, q, res, params: [ref = ''] }: Ctx): Promise<void> {
  sendJson(res, 200, await engine.containerTop(ref, q.get('ps_args') || undefined));
}

/** A streamed sample per interval until the client leaves; without stream, one JSON object. */
async function stats({ engine, q, res, params: [ref = ''] }: Ctx): Promise<void> {
  const { stream, oneShot } = statsQuery(q);
  const ac = new AbortController();
  res.on('close', () => ac.abort());
  const it = engine.containerStats(ref, { stream, oneShot, signal: ac.signal })[Symbol.asyncIterator]();
  const first = await it.next(); // NOT_FOUND becomes a 404 before anything is written
  res.writeHead(200, { ...commonHeaders(), 'Content-Type': 'application/json' });
  if (first.done) { res.end(); return; }
  if (!stream) { res.end(statsLine(first.value)); await it.return?.(); return; }
  await writeStream(res, first.value, it, ac.signal);
}

async function writeStream(res: ServerResponse, first: ContainerStatsJSON, it: AsyncIterator<ContainerStatsJSON>, signal: AbortSignal): Promise<void> {
  res.write(statsLine(first));
  try {
    for (let n = await it.next(); !n.done && !signal.aborted; n = await it.next()) res.write(statsLine(n.value));
  } catch { /* the container went away mid-stream: end it */ }
  res.end();
}

/** Resources `docker update` can set that berth's update does not apply (docs/cli-reference.md). */
const UNSUPPORTED_UPDATE = ['BlkioWeight', 'CpuPeriod', 'CpuQuota', 'CpuRealtimePeriod', 'CpuRealtimeRuntime', 'CpusetCpus', 'CpusetMems', 'MemoryReservation', 'KernelMemory'];

/** The numeric Resources berth applies and the restart policy, type-checked; other fields are ignored. */
export function checkUpdate(body: unknown): ContainerUpdateRequest {
  const bad = (why: string) => new EngineError('INVALID_ARGUMENT', `invalid update config: ${why}`);
  if (body === undefined || body === null) return {};
  if (typeof body !== 'object' || Array.isArray(body)) throw bad('not an object');
  const b = body as Record<string, unknown>;
  for (const k of ['Memory', 'MemorySwap', 'NanoCpus', 'CpuShares', 'PidsLimit']) {
    if (b[k] !== undefined && b[k] !== null && (typeof b[k] !== 'number' || !Number.isFinite(b[k]))) throw bad(`${k} must be a number`);
  }
  // the CLI sends every Resources field, zero when unset: only a set one berth cannot apply is refused
  for (const k of UNSUPPORTED_UPDATE) {
    if (b[k] !== undefined && b[k] !== null && b[k] !== 0 && b[k] !== '') throw new EngineError('NOT_IMPLEMENTED', `updating ${k} is not supported by berth`);
  }
  const rp = b.RestartPolicy as Record<string, unknown> | null | undefined;
  if (rp !== undefined && rp !== null && (typeof rp !== 'object' || Array.isArray(rp) || (rp.Name !== undefined && typeof rp.Name !== 'string')
    || (rp.MaximumRetryCount !== undefined && typeof rp.MaximumRetryCount !== 'number'))) throw bad('RestartPolicy');
  return b as ContainerUpdateRequest;
}

async function update({ engine, req, res, params: [ref = ''] }: Ctx): Promise<void> {
  sendJson(res, 200, await engine.updateContainer(ref, checkUpdate(await readJson<unknown>(req))));
}

async function prune({ engine, q, res }: Ctx): Promise<void> {
  sendJson(res, 200, await engine.pruneContainers({ filters: qFilters(q) }));
}

const C = (m: Route['method'], verb: string, handler: Route['handler']): Route => ({
  method: m, path: new RegExp(`^/containers/([^/]+)/${verb}$`), handler,
});

export const routes: Route[] = [
  { method: 'POST', path: /^\/containers\/prune$/, handler: prune },
  C('GET', 'changes', changes), C('GET', 'export', exportTar), C('POST', 'pause', pause), C('POST', 'unpause', unpause),
  C('POST', 'rename', rename), C('GET', 'top', top), C('GET', 'stats', stats), C('POST', 'update', update),
];
