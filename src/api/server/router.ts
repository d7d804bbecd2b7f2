/** Method + path → handler over the modules' route tables; the /v1.xx prefix is stripped first. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Engine } from '../../engine/engine.js';
import type { AttachRegistry } from './attach.js';
import { attachRoutes } from './attach.js';
import { routes as containerRoutes } from './containers.js';
import { routes as imageRoutes } from './images.js';
import { routes as systemRoutes } from './system.js';
import { routes as networkRoutes } from './networks.js';
import { routes as execRoutes, execHijackRoutes } from './exec.js';
import { routes as archiveRoutes } from './archive.js';
import { routes as containerMoreRoutes } from './containers-more.js';
import { routes as volumeRoutes } from './volumes.js';
import { routes as dfRoutes } from './df.js';
import { routes as imageTransferRoutes } from './images-transfer.js';
import { routes as buildRoutes } from './build.js';
import { routes as authRoutes } from './auth.js';
import { routes as commitRoutes } from './commit.js';
import { readBody, sendJson } from './http-util.js';
import type { HijackRoute, Route } from './route-types.js';

const ROUTES: Route[] = [...systemRoutes, ...imageRoutes, ...containerRoutes, ...networkRoutes, ...execRoutes, ...archiveRoutes, ...containerMoreRoutes, ...volumeRoutes, ...dfRoutes, ...imageTransferRoutes, ...buildRoutes, ...authRoutes, ...commitRoutes];
const HIJACK: HijackRoute[] = [...attachRoutes, ...execHijackRoutes];

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
    const body = await readBody(req);
    res.detachSocket(req.socket);
    return hj.r.handler({ engine, registry, q, req, socket: req.socket, body, head: Buffer.alloc(0), params: hj.params, upgrade: false });
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
  const split = await splitBody(req, socket, head);
  return hj.r.handler({ engine, registry, q, req, socket, ...split, params: hj.params, upgrade: true });
}

/**
 * An upgraded request's body (dockerode sends its options as JSON; exec start sends {Detach, Tty})
 * arrives on the raw socket before the stream: take Content-Length bytes off it so they never
 * reach the container's stdin.
 */
async function splitBody(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<{ body: Buffer; head: Buffer }> {
  const want = Number(req.headers['content-length'] ?? 0);
  if (!Number.isInteger(want) || want <= 0) return { body: Buffer.alloc(0), head };
  if (want > 1 << 20) throw new Error('hijack request body too large');
  let buf = head;
  while (buf.length < want) {
    const chunk = await new Promise<Buffer | null>((res) => {
      const onData = (c: Buffer) => { done(); res(c); };
      const onEnd = () => { done(); res(null); };
      const done = () => { socket.off('data', onData); socket.off('end', onEnd); socket.off('close', onEnd); socket.pause(); };
      socket.on('data', onData); socket.once('end', onEnd); socket.once('close', onEnd);
      socket.resume();
    });
    if (!chunk) break;
    buf = Buffer.concat([buf, chunk]);
  }
  return { body: buf.subarray(0, want), head: buf.subarray(want) };
}
