/** Method + path → handler over the modules' route tables; the /v1.xx prefix is stripped first. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Engine } from '../../engine/engine.js';
import type { AttachRegistry } from './attach.js';
import { attachRoutes } from './attach.js';
import { routes as containerRoutes } from './containers.js';
import { routes as imageRoutes } from './images.js';
import { routes as systemRoutes } from './system.js';
import { sendJson } from './http-util.js';
import type { HijackRoute, Route } from './route-types.js';

const ROUTES: Route[] = [...systemRoutes, ...imageRoutes, ...containerRoutes];
const HIJACK: HijackRoute[] = [...attachRoutes];

/** Split "/v1.50/containers/json?all=1" into the unversioned path and the query. */
export function parseUrl(raw: string | undefined): { path: string; q: URLSearchParams } {
  const u = new URL(raw ?? '/', 'http://berth');
  const path = u.pathname.replace(/^\/v\d+(\.\d+)?(?=\/)/, '').replace(/\/+$/, '') || '/';
  return { path, q: u.searchParams };
}

function decodeAll(m: RegExpMatchArray): string[] {
  return m.slice(1).map((s) => (s === undefined ? '' : decodeURIComponent(s)));
}

function find<R extends { method: string; path: RegExp }>(table: R[], method: string, path: string): { r: R; params: string[] } | undefined {
  for (const r of table) {
    if (r.method !== method) continue;
    const m = path.match(r.path);
    if (m) return { r, params: decodeAll(m) };
  }
  return undefined;
}

export async function route(engine: Engine, registry: AttachRegistry, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { path, q } = parseUrl(req.url);
  const m = req.method ?? 'GET';
  const hit = find(ROUTES, m, path);
  if (hit) return hit.r.handler({ engine, registry, q, req, res, params: hit.params });
  const hj = find(HIJACK, m, path);
  if (hj) {
    if (hj.r.plain) return hj.r.plain({ engine, registry, q, req, res, params: hj.params });
    // No plain answer: serve the stream on this connection as dockerd does without Upgrade.
    res.detachSocket(req.socket);
    return hj.r.handler({ engine, registry, q, req, socket: req.socket, head: Buffer.alloc(0), params: hj.params, upgrade: false });
  }
  sendJson(res, 404, { message: 'page not found' });
}

/** An Upgrade request: a hijack route, or a 404 written on the raw socket. */
export async function routeUpgrade(engine: Engine, registry: AttachRegistry, req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
  const { path, q } = parseUrl(req.url);
  const hj = find(HIJACK, req.method ?? 'GET', path);
  if (!hj) {
    socket.end('HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: 29\r\n\r\n{"message":"page not found"}\n');
    return;
  }
  return hj.r.handler({ engine, registry, q, req, socket, head, params: hj.params, upgrade: true });
}
