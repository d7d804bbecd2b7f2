/** Method + path → handler; the /v1.xx prefix is stripped first. Unknown routes: 404 page not found. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Engine } from '../../engine/engine.js';
import type { AttachRegistry } from './attach.js';
import * as C from './containers.js';
import * as I from './images.js';
import * as S from './system.js';
import { sendJson } from './http-util.js';

/** Split "/v1.50/containers/json?all=1" into the unversioned path and the query. */
export function parseUrl(raw: string | undefined): { path: string; q: URLSearchParams } {
  const u = new URL(raw ?? '/', 'http://berth');
  const path = u.pathname.replace(/^\/v\d+(\.\d+)?(?=\/)/, '').replace(/\/+$/, '') || '/';
  return { path, q: u.searchParams };
}

const dec = (s: string) => decodeURIComponent(s);

export async function route(engine: Engine, registry: AttachRegistry, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { path, q } = parseUrl(req.url);
  const m = req.method ?? 'GET';
  const ctx = { engine, registry, q, req, res };
  let r: RegExpMatchArray | null;
  if (path === '/_ping' && (m === 'GET' || m === 'HEAD')) return S.ping(req, res);
  if (m === 'GET' && path === '/version') return S.version(engine, res);
  if (m === 'GET' && path === '/info') return S.info(engine, res);
  if (m === 'GET' && path === '/events') return S.events(engine, q, req, res);
  if (m === 'GET' && path === '/images/json') return I.list(engine, q, res);
  if (m === 'GET' && (r = path.match(/^\/images\/(.+)\/json$/))) return I.inspect(engine, dec(r[1]!), res);
  if (m === 'GET' && (r = path.match(/^\/images\/(.+)\/history$/))) return I.history(engine, dec(r[1]!), res);
  if (m === 'POST' && (r = path.match(/^\/images\/(.+)\/tag$/))) return I.tag(engine, dec(r[1]!), q, res);
  if (m === 'DELETE' && (r = path.match(/^\/images\/(.+)$/))) return I.remove(engine, dec(r[1]!), q, res);
  if (m === 'GET' && path === '/containers/json') return C.list(ctx);
  if (m === 'POST' && path === '/containers/create') return C.create(ctx);
  if ((r = path.match(/^\/containers\/([^/]+)(?:\/([a-z]+))?$/))) {
    const ref = dec(r[1]!);
    const key = `${m} ${r[2] ?? ''}`;
    switch (key) {
      case 'GET json': return C.inspect(ctx, ref);
      case 'POST start': return C.start(ctx, ref);
      case 'POST wait': return C.wait(ctx, ref);
      case 'POST stop': return C.stop(ctx, ref);
      case 'POST kill': return C.kill(ctx, ref);
      case 'POST restart': return C.restart(ctx, ref);
      case 'POST resize': return C.resize(ctx, ref);
      case 'GET logs': return C.logs(ctx, ref);
      case 'DELETE ': return C.remove(ctx, ref);
      default: break;
    }
  }
  sendJson(res, 404, { message: 'page not found' });
}

/** The hijacked attach path, if this request is one. */
export function attachTarget(req: IncomingMessage): { ref: string; q: URLSearchParams } | undefined {
  if (req.method !== 'POST') return undefined;
  const { path, q } = parseUrl(req.url);
  const r = path.match(/^\/containers\/([^/]+)\/attach$/);
  return r ? { ref: dec(r[1]!), q } : undefined;
}
