/**
 * API version negotiation and error mapping against a fake daemon on a unix socket: GET /_ping's
 * API-Version picks the /vX.YY prefix (min of the server's and 1.50; 1.24 when absent), and
 * docker's `{"message": …}` errors come back as EngineError codes by status.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { connectEngine, negotiate } from '../../../src/api/client/index.js';
import { codeOf } from './support.js';

interface Fake { host: string; paths: string[]; close(): Promise<void> }

async function fakeDaemon(apiVersion: string | undefined): Promise<Fake> {
  const dir = mkdtempSync(join(tmpdir(), 'berth-fake-daemon-'));
  const sock = join(dir, 'd.sock');
  const paths: string[] = [];
  const server: Server = createServer((req, res) => {
    paths.push(`${req.method} ${req.url}`);
    const headers: Record<string, string> = apiVersion ? { 'Api-Version': apiVersion } : {};
    if (req.url === '/_ping') { res.writeHead(200, headers); res.end('OK'); return; }
    const status = /\/status-(\d+)\//.exec(req.url ?? '');
    if (status) {
      const code = Number(status[1]);
      res.writeHead(code, { ...headers, 'Content-Type': 'application/json' });
      res.end(code === 304 ? undefined : JSON.stringify({ message: `daemon says ${code}` }));
      return;
    }
    if (req.url?.split('?')[0]!.endsWith('/containers/json')) { res.writeHead(200, { ...headers, 'Content-Type': 'application/json' }); res.end('[]'); return; }
    res.writeHead(404, { 'Content-Type': 'application/json' });
    res.end('{"message":"page not found"}');
  });
  await new Promise<void>((r) => server.listen(sock, r));
  return {
    host: `unix://${sock}`, paths,
    close: async () => { await new Promise((r) => server.close(r)); rmSync(dir, { recursive: true, force: true }); },
  };
}

describe('remote engine API version negotiation', () => {
  let fake: Fake | undefined;
  afterEach(async () => { await fake?.close(); fake = undefined; });

  it('negotiates min(server, 1.50)', () => {
    expect(negotiate('1.41')).toBe('1.41');
    expect(negotiate('1.50')).toBe('1.50');
    expect(negotiate('1.51')).toBe('1.50');
    expect(negotiate('1.9')).toBe('1.9');
    expect(negotiate(undefined)).toBe('1.24');
    expect(negotiate('garbage')).toBe('1.24');
  });

  it('talks /v1.41 to a daemon that answers API-Version 1.41 (Debian dockerd 20.10), pinging once', async () => {
    fake = await fakeDaemon('1.41');
    const engine = await connectEngine(fake.host);
    expect(await engine.listContainers({ all: true })).toEqual([]);
    expect(await engine.listContainers()).toEqual([]);
    expect(fake.paths).toEqual(['GET /_ping', 'GET /v1.41/containers/json?all=1', 'GET /v1.41/containers/json']);
  });

  it('caps a newer daemon at 1.50 and assumes 1.24 when the ping carries no version', async () => {
    fake = await fakeDaemon('1.52');
    await (await connectEngine(fake.host)).listContainers();
    expect(fake.paths[1]).toBe('GET /v1.50/containers/json');
    await fake.close();
    fake = await fakeDaemon(undefined);
    await (await connectEngine(fake.host)).listContainers();
    expect(fake.paths[1]).toBe('GET /v1.24/containers/json');
  });

  it("maps docker's error statuses to engine error codes, with the daemon's message", async () => {
    fake = await fakeDaemon('1.41');
    const engine = await connectEngine(fake.host);
    const codes: Record<string, string> = {};
    for (const s of [304, 400, 401, 403, 404, 409, 500, 501, 503]) codes[s] = await codeOf(engine.inspectContainer(`status-${s}`));
    expect(codes).toEqual({
      304: 'NOT_MODIFIED', 400: 'INVALID_ARGUMENT', 401: 'UNAUTHENTICATED', 403: 'PERMISSION_DENIED', 404: 'NOT_FOUND',
      409: 'CONFLICT', 500: 'INTERNAL', 501: 'NOT_IMPLEMENTED', 503: 'UNAVAILABLE',
    });
    await expect(engine.inspectImage('status-409/x')).rejects.toMatchObject({ message: 'daemon says 409' });
    // 304 is an answer, not an error, where docker defines it: stop of a stopped container
    expect(await engine.stopContainer('status-304')).toBe(false);
  });
});
