/** /images/... routes: list, inspect, history, tag, delete, prune (transfers: images-transfer.ts). */
import { EngineError } from '../../lib/errors.js';
import { qBool, qFilters, sendEmpty, sendJson } from './http-util.js';
import type { Ctx, Route } from './route-types.js';

async function list({ engine, q, res }: Ctx): Promise<void> {
  sendJson(res, 200, await engine.listImages({ all: qBool(q, 'all'), filters: qFilters(q) }));
}

async function inspect({ engine, res, params: [name = ''] }: Ctx): Promise<void> {
  sendJson(res, 200, await engine.inspectImage(name));
}

async function history({ engine, res, params: [name = ''] }: Ctx): Promise<void> {
  sendJson(res, 200, await engine.imageHistory(name));
}

async function remove({ engine, q, res, params: [name = ''] }: Ctx): Promise<void> {
  sendJson(res, 200, await engine.removeImage(name, { force: qBool(q, 'force'), noPrune: qBool(q, 'noprune') }));
}

async function tag({ engine, q, res, params: [name = ''] }: Ctx): Promise<void> {
  const repo = q.get('repo');
  if (!repo) throw new EngineError('INVALID_ARGUMENT', 'repository name must have at least one component');
  const t = q.get('tag');
  await engine.tagImage(name, t ? `${repo}:${t}` : repo);
  sendEmpty(res, 201);
}

/** dangling=false (docker image prune -a) means every unused image; until/label filter further. */
async function prune({ engine, q, res }: Ctx): Promise<void> {
  sendJson(res, 200, await engine.pruneImages({ filters: qFilters(q) ?? {} }));
}

// Image names contain slashes (registry:5000/a/b), so the name group is greedy up to the verb.
export const routes: Route[] = [
  { method: 'GET', path: /^\/images\/json$/, handler: list },
  { method: 'POST', path: /^\/images\/prune$/, handler: prune },
  { method: 'GET', path: /^\/images\/(.+)\/json$/, handler: inspect },
  { method: 'GET', path: /^\/images\/(.+)\/history$/, handler: history },
  { method: 'POST', path: /^\/images\/(.+)\/tag$/, handler: tag },
  { method: 'DELETE', path: /^\/images\/(.+)$/, handler: remove },
];
