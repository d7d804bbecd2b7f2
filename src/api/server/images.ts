/** /images/... routes. */
import type { ServerResponse } from 'node:http';
import type { Engine } from '../../engine/engine.js';
import { EngineError } from '../../lib/errors.js';
import { qBool, qFilters, sendEmpty, sendJson } from './http-util.js';

export async function list(engine: Engine, q: URLSearchParams, res: ServerResponse): Promise<void> {
  sendJson(res, 200, await engine.listImages({ all: qBool(q, 'all'), filters: qFilters(q) }));
}

export async function inspect(engine: Engine, name: string, res: ServerResponse): Promise<void> {
  sendJson(res, 200, await engine.inspectImage(name));
}

export async function history(engine: Engine, name: string, res: ServerResponse): Promise<void> {
  sendJson(res, 200, await engine.imageHistory(name));
}

export async function remove(engine: Engine, name: string, q: URLSearchParams, res: ServerResponse): Promise<void> {
  sendJson(res, 200, await engine.removeImage(name, { force: qBool(q, 'force'), noPrune: qBool(q, 'noprune') }));
}

export async function tag(engine: Engine, name: string, q: URLSearchParams, res: ServerResponse): Promise<void> {
  const repo = q.get('repo');
  if (!repo) throw new EngineError('INVALID_ARGUMENT', 'repository name must have at least one component');
  const t = q.get('tag');
  await engine.tagImage(name, t ? `${repo}:${t}` : repo);
  sendEmpty(res, 201);
}
