/**
 * /volumes: create, list (filters), inspect, delete (force), prune (filters, all=true). Volume
 * names never contain a slash, so one path segment is the name.
 */
import type { VolumeCreateRequest } from '../../engine/types.js';
import { EngineError } from '../../lib/errors.js';
import { qBool, qFilters, readJson, sendEmpty, sendJson } from './http-util.js';
import type { Ctx, Route } from './route-types.js';

/** Types as docker's VolumeCreateOptions decodes them; anything else is a 400. */
export function checkVolumeCreate(body: unknown): VolumeCreateRequest {
  const bad = (why: string) => new EngineError('INVALID_ARGUMENT', `invalid volume config: ${why}`);
  if (body === undefined || body === null) return {};
  if (typeof body !== 'object' || Array.isArray(body)) throw bad('not an object');
  const b = body as Record<string, unknown>;
  for (const k of ['Name', 'Driver']) if (b[k] !== undefined && b[k] !== null && typeof b[k] !== 'string') throw bad(`${k} must be a string`);
  for (const k of ['Labels', 'DriverOpts']) {
    const v = b[k];
    if (v === undefined || v === null) continue;
    if (typeof v !== 'object' || Array.isArray(v) || !Object.values(v).every((x) => typeof x === 'string')) throw bad(`${k} must map strings to strings`);
  }
  return b as VolumeCreateRequest;
}

async function create({ engine, req, res }: Ctx): Promise<void> {
  sendJson(res, 201, await engine.createVolume(checkVolumeCreate(await readJson<unknown>(req))));
}

async function list({ engine, q, res }: Ctx): Promise<void> {
  sendJson(res, 200, await engine.listVolumes({ filters: qFilters(q) }));
}

async function inspect({ engine, res, params: [name = ''] }: Ctx): Promise<void> {
  sendJson(res, 200, await engine.inspectVolume(name));
}

async function remove({ engine, q, res, params: [name = ''] }: Ctx): Promise<void> {
  await engine.removeVolume(name, { force: qBool(q, 'force') });
  sendEmpty(res, 204);
}

async function prune({ engine, q, res }: Ctx): Promise<void> {
  sendJson(res, 200, await engine.pruneVolumes({ filters: qFilters(q) }));
}

export const routes: Route[] = [
  { method: 'POST', path: /^\/volumes\/create$/, handler: create },
  { method: 'POST', path: /^\/volumes\/prune$/, handler: prune },
  { method: 'GET', path: /^\/volumes$/, handler: list },
  { method: 'GET', path: /^\/volumes\/([^/]+)$/, handler: inspect },
  { method: 'DELETE', path: /^\/volumes\/([^/]+)$/, handler: remove },
];
