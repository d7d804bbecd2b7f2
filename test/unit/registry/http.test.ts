/**
 * The HTTP exchange under the registry client, against local servers: Go-worded connection errors,
 * the stall timer on headers and bodies, redirects that drop Authorization on another host.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { readAll, request } from '../../../src/registry/http.js';
import { isEngineError } from '../../../src/lib/errors.js';

const servers: http.Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) { s.closeAllConnections(); await new Promise((r) => s.close(r)); }
});

async function serve(host: string, fn: http.RequestListener): Promise<string> {
  const s = http.createServer(fn);
  servers.push(s);
  await new Promise<void>((r) => s.listen(0, host, r));
  return `http://${host}:${(s.address() as AddressInfo).port}`;
}

describe('request', () => {
  it('a refused connection reads as Go\'s dial error (UNAVAILABLE, retryable)', async () => {
    const base = await serve('127.0.0.1', () => undefined);
    const port = new URL(base).port;
    servers.pop()!.close();
    const err = await request({ method: 'GET', url: new URL(`${base}/v2/`), stallMs: 1000 }).catch((e: unknown) => e);
    expect(isEngineError(err, 'UNAVAILABLE')).toBe(true);
    expect((err as Error).message).toBe(`Get "http://127.0.0.1:${port}/v2/": dial tcp 127.0.0.1:${port}: connect: connection refused`);
  });

  it('no response headers within the stall time is DEADLINE_EXCEEDED', async () => {
    const base = await serve('127.0.0.1', () => undefined);
    const err = await request({ method: 'HEAD', url: new URL(`${base}/x`), stallMs: 200 }).catch((e: unknown) => e);
    expect(isEngineError(err, 'DEADLINE_EXCEEDED')).toBe(true);
    expect((err as Error).message).toBe(`Head "${base}/x": net/http: timeout awaiting response headers`);
  });

  it('a body that stops arriving fails after the stall time; a slow reader does not', async () => {
    const base = await serve('127.0.0.1', (req, res) => {
      res.writeHead(200, { 'Content-Length': '1000000' });
      res.write(Buffer.alloc(req.url === '/stall' ? 1000 : 1_000_000));
      if (req.url !== '/stall') res.end();
    });
    const res = await request({ method: 'GET', url: new URL(`${base}/stall`), stallMs: 200 });
    const err = await readAll(res, 'GET').catch((e: unknown) => e);
    expect(isEngineError(err, 'DEADLINE_EXCEEDED')).toBe(true);
    expect((err as Error).message).toMatch(/no data received for 0\.2s/);
    const slow = await request({ method: 'GET', url: new URL(`${base}/all`), stallMs: 200 });
    await new Promise((r) => setTimeout(r, 500)); // unread data is our slowness, not a stall
    expect((await readAll(slow, 'GET')).length).toBe(1_000_000);
  });

  it('follows redirects, keeping Authorization only on the same host', async () => {
    const seen: (string | undefined)[] = [];
    const other = await serve('127.0.0.2', (req, res) => { seen.push(req.headers.authorization); res.end('cdn'); });
    const base = await serve('127.0.0.1', (req, res) => {
      seen.push(req.headers.authorization);
      if (req.url === '/a') { res.writeHead(307, { Location: '/b' }); res.end(); return; }
      res.writeHead(307, { Location: `${other}/blob` });
      res.end();
    });
    const res = await request({ method: 'GET', url: new URL(`${base}/a`), stallMs: 1000, headers: { Authorization: 'Bearer t' } });
    expect((await readAll(res, 'GET')).toString()).toBe('cdn');
    expect(res.url.href).toBe(`${other}/blob`);
    expect(seen).toEqual(['Bearer t', 'Bearer t', undefined]);
  });
});
