/**
 * POST /commit: a container's changes as a new image (201 {"Id"}). The optional body is a
 * container config whose fields override the container's (dockerd builds the new config from it
 * and the `changes`, then merges the container's config in). The engine's commit takes Dockerfile
 * instructions, so the body's image fields become instructions placed before the `changes`.
 */
import { EngineError } from '../../lib/errors.js';
import { qBool, readJson, sendJson } from './http-util.js';
import type { Ctx, Route } from './route-types.js';

const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');
const keys = (v: unknown): string[] => (typeof v === 'object' && v !== null && !Array.isArray(v) ? Object.keys(v) : []);

/** The image fields of a request's container config as --change instructions, in a fixed order. */
export function configChanges(body: unknown): string[] {
  if (body === undefined || body === null) return [];
  if (typeof body !== 'object' || Array.isArray(body)) throw new EngineError('INVALID_ARGUMENT', 'invalid container config');
  const c = body as Record<string, unknown>;
  const out: string[] = [];
  if (isStrings(c.Env)) for (const e of c.Env) if (e.includes('=')) out.push(`ENV ${JSON.stringify(e.slice(0, e.indexOf('=')))}=${JSON.stringify(e.slice(e.indexOf('=') + 1))}`);
  const labels = c.Labels as Record<string, unknown> | undefined;
  for (const k of keys(labels)) out.push(`LABEL ${JSON.stringify(k)}=${JSON.stringify(String(labels![k]))}`);
  for (const p of keys(c.ExposedPorts)) out.push(`EXPOSE ${p}`);
  for (const v of keys(c.Volumes)) out.push(`VOLUME ${JSON.stringify([v])}`);
  if (typeof c.User === 'string' && c.User) out.push(`USER ${c.User}`);
  if (typeof c.WorkingDir === 'string' && c.WorkingDir) out.push(`WORKDIR ${c.WorkingDir}`);
  if (typeof c.StopSignal === 'string' && c.StopSignal) out.push(`STOPSIGNAL ${c.StopSignal}`);
  if (isStrings(c.Entrypoint) && c.Entrypoint.length) out.push(`ENTRYPOINT ${JSON.stringify(c.Entrypoint)}`);
  if (isStrings(c.Cmd) && c.Cmd.length) out.push(`CMD ${JSON.stringify(c.Cmd)}`);
  return out;
}

/** `pause` defaults to true when absent (API ≥ 1.13), as dockerd decides it. */
async function commit({ engine, q, req, res }: Ctx): Promise<void> {
  const container = q.get('container') || '';
  if (!container) throw new EngineError('INVALID_ARGUMENT', 'container is required');
  const changes = [...configChanges(await readJson<unknown>(req)), ...q.getAll('changes')];
  const r = await engine.commitContainer(container, {
    repo: q.get('repo') || undefined, tag: q.get('tag') || undefined, comment: q.get('comment') || undefined,
    author: q.get('author') || undefined, changes, pause: q.get('pause') ? qBool(q, 'pause') : true,
  });
  sendJson(res, 201, { Id: r.Id });
}

export const routes: Route[] = [
  { method: 'POST', path: /^\/commit$/, handler: commit },
];
