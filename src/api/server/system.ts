/** /_ping, /version, /info, /events. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Engine } from '../../engine/engine.js';
import { API_VERSION, MIN_API_VERSION, commonHeaders, qFilters, sendJson } from './http-util.js';
import type { Route } from './route-types.js';

export function ping(req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(200, {
    ...commonHeaders(), 'Builder-Version': '1', 'Swarm': 'inactive',
    'Cache-Control': 'no-cache, no-store, must-revalidate', 'Pragma': 'no-cache', 'Content-Type': 'text/plain; charset=utf-8',
  });
  res.end(req.method === 'HEAD' ? undefined : 'OK');
}

export async function version(engine: Engine, res: ServerResponse): Promise<void> {
  const v = await engine.version() as unknown as Record<string, unknown>;
  sendJson(res, 200, { ...v, ApiVersion: API_VERSION, MinAPIVersion: MIN_API_VERSION });
}

export async function info(engine: Engine, res: ServerResponse): Promise<void> {
  sendJson(res, 200, await engine.info());
}

/** Streamed newline-delimited JSON until the client leaves (or `until` passes). */
export async function events(engine: Engine, q: URLSearchParams, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const ac = new AbortController();
  res.on('close', () => ac.abort());
  const num = (n: string) => (q.get(n) ? Number(q.get(n)) : undefined);
  res.writeHead(200, { ...commonHeaders(), 'Content-Type': 'application/json' });
  res.flushHeaders();
  try {
    for await (const ev of engine.events({ since: num('since'), until: num('until'), filters: qFilters(q), follow: true, signal: ac.signal })) {
      res.write(JSON.stringify(ev) + '\n');
    }
  } catch { /* aborted or failed: end the stream */ }
  res.end();
  void req;
}

export const routes: Route[] = [
  { method: 'GET', path: /^\/_ping$/, handler: ({ req, res }) => ping(req, res) },
  { method: 'HEAD', path: /^\/_ping$/, handler: ({ req, res }) => ping(req, res) },
  { method: 'GET', path: /^\/version$/, handler: ({ engine, res }) => version(engine, res) },
  { method: 'GET', path: /^\/info$/, handler: ({ engine, res }) => info(engine, res) },
  { method: 'GET', path: /^\/events$/, handler: ({ engine, q, req, res }) => events(engine, q, req, res) },
];
