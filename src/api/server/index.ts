/**
 * `berth serve`: the Docker Engine API on a unix socket over the Engine interface. TCP is refused
 * until TLS with client certificates exists: an unauthenticated TCP API is root on the host.
 */
import { createServer, type Server } from 'node:http';
import { chmodSync, existsSync, lstatSync, unlinkSync } from 'node:fs';
import type { Engine } from '../../engine/engine.js';
import { EngineError } from '../../lib/errors.js';
import { AttachRegistry } from './attach.js';
import { sendError } from './http-util.js';
import { route, routeUpgrade } from './router.js';

export { API_VERSION, errorStatus } from './http-util.js';
export { parseUrl } from './router.js';
export { frame } from './stdcopy.js';

export interface ServeOptions {
  /** unix:///path.sock (default unix:///run/berth.sock). */
  host?: string;
  /** One line per request, for debugging. */
  log?: (line: string) => void;
}

export interface RunningServer {
  socketPath: string;
  close(): Promise<void>;
}

/** The socket path of a -H value; tcp:// and other schemes are refused with the reason. */
export function socketPathOf(host: string): string {
  if (host.startsWith('unix://')) {
    const p = host.slice('unix://'.length);
    if (!p.startsWith('/')) throw new EngineError('INVALID_ARGUMENT', `invalid unix socket path in ${host}: must be absolute`);
    return p;
  }
  if (/^(tcp|https?):\/\//.test(host)) {
    throw new EngineError('INVALID_ARGUMENT', `refusing to listen on ${host}: a TCP listener needs TLS with client certificates, which berth serve does not support yet; use -H unix:///path.sock`);
  }
  throw new EngineError('INVALID_ARGUMENT', `unsupported host ${host}: use unix:///path.sock`);
}

export function createApiServer(engine: Engine, log?: (line: string) => void): Server {
  const registry = new AttachRegistry();
  const server = createServer((req, res) => {
    log?.(`${req.method} ${req.url}`);
    route(engine, registry, req, res).catch((err) => sendError(res, err));
  });
  server.on('upgrade', (req, socket, head) => {
    log?.(`${req.method} ${req.url} (upgrade)`);
    routeUpgrade(engine, registry, req, socket, head).catch(() => socket.destroy());
  });
  server.on('clientError', (_err, socket) => { socket.destroy(); });
  return server;
}

/** Listen on the socket (mode 0660, a stale socket file replaced) until close(). */
export async function serve(engine: Engine, opts: ServeOptions = {}): Promise<RunningServer> {
  const socketPath = socketPathOf(opts.host ?? 'unix:///run/berth.sock');
  if (existsSync(socketPath)) {
    if (!lstatSync(socketPath).isSocket()) throw new EngineError('CONFLICT', `${socketPath} exists and is not a socket`);
    unlinkSync(socketPath);
  }
  const server = createApiServer(engine, opts.log);
  await new Promise<void>((res, rej) => {
    server.once('error', rej);
    server.listen(socketPath, () => { server.off('error', rej); res(); });
  });
  chmodSync(socketPath, 0o660);
  return {
    socketPath,
    close: () => new Promise<void>((res) => {
      server.close(() => res());
      server.closeAllConnections();
      try { unlinkSync(socketPath); } catch { /* already gone */ }
    }),
  };
}
