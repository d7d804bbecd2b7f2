/**
 * Hostile API requests against berth serve, seeded so a failure replays: malformed and oversized
 * bodies, unknown fields, wrong content types, bad IDs, clients that vanish mid-request or
 * mid-stream, broken hijacks. Every answer must be a 4xx (or a clean 2xx/3xx) with docker's
 * {"message"} shape, never a 5xx or a crash; afterwards the server still answers and nothing the
 * fuzz did leaked a container or a mount. BERTH_FUZZ_SEED replays a run; BERTH_LONG=1 runs more.
 */
import http from 'node:http';
import net from 'node:net';
import { rng as seededRng } from '../helpers/prng.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok } from '../helpers/cli.js';
import { skipServe, startServe, type Served } from '../helpers/serve.js';

const SEED = Number(process.env.BERTH_FUZZ_SEED ?? 20261123);
const ROUNDS = process.env.BERTH_LONG || process.env.BERTH_LONG_TESTS ? 2000 : 300;

/** A seeded PRNG (test/helpers/prng.ts) as a () => [0,1) function. */
const rng = (seed: number) => seededRng(seed).next;

const IDS = ['busybox', 'nope', '', '..', '%2e%2e%2f%2e%2e', 'a'.repeat(300), 'sha256:zz', '\u00e9', 'ZZZ', '-1', '0'];
const ENDPOINTS: Array<[string, string]> = [
  ['GET', '/containers/json'], ['POST', '/containers/create'], ['GET', '/containers/{id}/json'], ['POST', '/containers/{id}/start'],
  ['POST', '/containers/{id}/stop'], ['POST', '/containers/{id}/kill'], ['POST', '/containers/{id}/wait'], ['GET', '/containers/{id}/logs'],
  ['POST', '/containers/{id}/resize'], ['DELETE', '/containers/{id}'], ['POST', '/containers/{id}/rename'], ['GET', '/containers/{id}/top'],
  ['GET', '/containers/{id}/archive'], ['PUT', '/containers/{id}/archive'], ['HEAD', '/containers/{id}/archive'], ['POST', '/containers/{id}/exec'],
  ['POST', '/exec/{id}/start'], ['GET', '/exec/{id}/json'], ['POST', '/containers/prune'], ['GET', '/images/json'], ['GET', '/images/{id}/json'],
  ['GET', '/images/{id}/history'], ['POST', '/images/{id}/tag'], ['DELETE', '/images/{id}'], ['POST', '/images/create'], ['POST', '/images/load'],
  ['GET', '/images/{id}/get'], ['POST', '/images/prune'], ['POST', '/build'], ['POST', '/commit'], ['POST', '/auth'], ['GET', '/volumes'],
  ['POST', '/volumes/create'], ['GET', '/volumes/{id}'], ['DELETE', '/volumes/{id}'], ['POST', '/volumes/prune'], ['GET', '/networks'],
  ['GET', '/networks/{id}'], ['GET', '/events'], ['GET', '/system/df'], ['GET', '/info'], ['GET', '/version'], ['GET', '/_ping'], ['GET', '/nope/{id}'],
];
const QUERIES = ['', '?all=1', '?filters=%7B', '?filters=%5B1%5D', '?filters=%7B%22status%22%3A%5B%22running%22%5D%7D', '?t=-5', '?t=abc', '?h=99999999&w=-1',
  '?signal=SIGNOPE', '?condition=bogus', '?path=/etc/passwd', '?path=../../..', '?name=%2Fbad%20name', '?tail=-3', '?since=abc', '?follow=1&stdout=0&stderr=0',
  '?repo=UPPER&tag=%20', '?fromImage=127.0.0.1:1/x&tag=1', '?fromSrc=-&repo=fz', '?names=nope', '?dockerfile=../../x', '?buildargs=%7Bx', '?labels=5', '?container=nope'];

function body(r: () => number): { data: Buffer; type?: string } {
  const pick = Math.floor(r() * 12);
  const rand = (n: number) => Buffer.from(Array.from({ length: n }, () => Math.floor(r() * 256)));
  switch (pick) {
    case 0: return { data: Buffer.alloc(0) };
    case 1: return { data: Buffer.from('{"Image":'), type: 'application/json' };
    case 2: return { data: rand(64 + Math.floor(r() * 512)), type: 'application/json' };
    case 3: return { data: Buffer.from(JSON.stringify({ Image: 'nope', Cmd: 'notalist', HostConfig: { Binds: 5, PortBindings: 'x' }, Unknown: { deep: [1, 2] } })), type: 'application/json' };
    case 4: return { data: Buffer.from('['.repeat(5000) + ']'.repeat(5000)), type: 'application/json' };
    case 5: return { data: Buffer.from(JSON.stringify({ Image: 'busybox', Cmd: ['true'], Env: [5, null], Labels: [] })), type: 'text/plain' };
    case 6: return { data: rand(2048), type: 'application/x-tar' };
    case 7: return { data: Buffer.from('null'), type: 'application/json' };
    case 8: return { data: Buffer.from(JSON.stringify({ Name: 123, Driver: ['x'], Labels: 'y', DriverOpts: 7, username: 1, serveraddress: {} })), type: 'application/json' };
    // an image that exists, so ill-typed fields reach the create path itself (each must be a 400)
    case 10: return { data: Buffer.from(JSON.stringify({ Image: 'busybox', Cmd: 'notalist', Env: 5, Labels: [1], HostConfig: { Binds: 5, Memory: 'x' } })), type: 'application/json' };
    case 11: return { data: Buffer.from(JSON.stringify({ Image: 'busybox', Cmd: ['true'], HostConfig: { PortBindings: { '80/tcp': 'x' }, RestartPolicy: { Name: 5 } } })), type: 'application/json' };
    default: return { data: Buffer.from('"a string"'), type: 'application/json' };
  }
}

interface Answer { status?: number; message?: unknown; closed?: boolean }

/** One request; `vanish` destroys the socket after sending part of it or once the answer starts. */
function send(sock: string, method: string, path: string, b: { data: Buffer; type?: string }, vanish: number): Promise<Answer> {
  return new Promise((res) => {
    const headers: Record<string, string | number> = { 'Content-Length': b.data.length };
    if (b.type) headers['Content-Type'] = b.type;
    const req = http.request({ socketPath: sock, method, path, headers });
    const timer = setTimeout(() => { req.destroy(); res({ closed: true }); }, 20_000);
    req.on('response', (r) => {
      const chunks: Buffer[] = [];
      if (vanish === 2) { clearTimeout(timer); req.destroy(); res({ status: r.statusCode, closed: true }); return; }
      const streaming = /stream|json-seq/.test(String(r.headers['content-type'])) || r.headers['transfer-encoding'] === 'chunked';
      if (streaming && (r.statusCode ?? 0) < 300) { clearTimeout(timer); req.destroy(); res({ status: r.statusCode, closed: true }); return; }
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => {
        clearTimeout(timer);
        let message: unknown;
        try { message = JSON.parse(Buffer.concat(chunks).toString() || 'null')?.message; } catch { message = undefined; }
        res({ status: r.statusCode, message });
      });
      r.on('error', () => { clearTimeout(timer); res({ status: r.statusCode, closed: true }); });
    });
    req.on('error', () => { clearTimeout(timer); res({ closed: true }); });
    if (vanish === 1) { req.write(b.data.subarray(0, Math.floor(b.data.length / 2))); setTimeout(() => req.destroy(), 5); return; }
    req.end(b.data);
  });
}

/** An attach/exec hijack that hangs up at once, or right after the upgrade line. */
function brokenHijack(sock: string, path: string, early: boolean): Promise<void> {
  return new Promise((res) => {
    const s = net.connect(sock, () => {
      s.write(`POST ${path} HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: tcp\r\nContent-Length: 0\r\n\r\n`);
      if (early) s.destroy();
    });
    s.on('data', () => s.destroy());
    s.on('error', () => undefined);
    s.on('close', () => res());
    setTimeout(() => { s.destroy(); res(); }, 5000);
  });
}

let ctx: Served;

describe.skipIf(skipServe)('berth serve under hostile requests', () => {
  beforeAll(async () => { ctx = await startServe('berth-fuzz-'); });
  afterAll(async () => { if (ctx) await ctx.stop(); });

  it(`answers ${ROUNDS} seeded hostile requests (seed ${SEED}) with 4xx, never a 5xx or a crash`, async () => {
    const r = rng(SEED);
    const bad: string[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const [method, tmpl] = ENDPOINTS[Math.floor(r() * ENDPOINTS.length)]!;
      const id = encodeURIComponent(IDS[Math.floor(r() * IDS.length)]!).replace(/%25/g, '%');
      const path = `/v1.${40 + Math.floor(r() * 11)}${tmpl.replace('{id}', id)}${QUERIES[Math.floor(r() * QUERIES.length)]}`;
      const vanish = r() < 0.15 ? 1 + Math.floor(r() * 2) : 0;
      const b = body(r);
      const a = await send(ctx.sock, method, path, b, vanish);
      // a registry the request names being unreachable is the network's failure, not bad input: dockerd answers 500 too
      const upstream = typeof a.message === 'string' && /dial tcp|no such host|connection refused|cannot reach/.test(a.message);
      // a client that hung up on the status line cannot see the message: other rounds check that case
      const unseen = a.closed && a.message === undefined;
      if (a.status !== undefined && a.status >= 500 && a.status !== 501 && !upstream && !unseen) bad.push(`#${i} ${method} ${path} (${b.data.length} bytes ${b.type ?? ''}) → ${a.status} ${String(a.message)}`);
      if (a.status !== undefined && a.status >= 400 && !a.closed && typeof a.message !== 'string' && method !== 'HEAD') bad.push(`#${i} ${method} ${path} → ${a.status} without {"message"}`);
      if (i % 50 === 49) {
        await brokenHijack(ctx.sock, '/v1.50/containers/nope/attach?stream=1&stdout=1', r() < 0.5);
        const ping = await send(ctx.sock, 'GET', '/_ping', { data: Buffer.alloc(0) }, 0);
        expect(ping.status, `server died after request #${i}: ${ctx.stderr().slice(-3000)}`).toBe(200);
      }
    }
    expect(bad, `seed ${SEED}`).toEqual([]);
    expect(ctx.stderr()).not.toContain('unhandled error');
  }, 600_000);

  it('ill-typed create bodies for an existing image are each a 400 naming the field', async () => {
    const bodies = [
      { Image: 'busybox', Cmd: 'notalist-but-a-string-is-fine', Env: 5 }, { Image: 'busybox', Labels: [1] },
      { Image: 'busybox', HostConfig: { Binds: 5 } }, { Image: 'busybox', HostConfig: { Memory: 'x' } },
      { Image: 'busybox', HostConfig: { PortBindings: { '80/tcp': 'x' } } }, { Image: 'busybox', HostConfig: 'x' },
    ];
    for (const b of bodies) {
      const a = await send(ctx.sock, 'POST', '/v1.50/containers/create', { data: Buffer.from(JSON.stringify(b)), type: 'application/json' }, 0);
      expect(`${a.status} ${String(a.message)}`, JSON.stringify(b)).toMatch(/^400 invalid container config: \S+/);
    }
  });

  it('a huge body is refused with 4xx and the server keeps answering', async () => {
    const big = Buffer.alloc(20 << 20, 0x7b);
    const a = await send(ctx.sock, 'POST', '/v1.50/containers/create', { data: big, type: 'application/json' }, 0);
    expect(a.closed || (a.status! >= 400 && a.status! < 500)).toBe(true);
    expect((await send(ctx.sock, 'GET', '/_ping', { data: Buffer.alloc(0) }, 0)).status).toBe(200);
  });

  it('a hijacked attach to a running container that hangs up leaves the container running, and nothing leaks', async () => {
    await ok(ctx.root, ['image', 'demo', '-q']); // the fuzz may have deleted it
    const run = await ctx.docker(['run', '-d', '--name', 'fz-live', 'busybox', 'sleep', '300']);
    expect(run.code, run.stderr).toBe(0);
    for (let i = 0; i < 5; i++) await brokenHijack(ctx.sock, '/v1.50/containers/fz-live/attach?stream=1&stdin=1&stdout=1&stderr=1', i % 2 === 0);
    const ps = await ctx.docker(['ps', '--format', '{{.Names}} {{.State}}']);
    expect(ps.stdout).toContain('fz-live running');
    expect((await ctx.docker(['rm', '-f', 'fz-live'])).code).toBe(0);
    const left = await ctx.docker(['ps', '-a', '--format', '{{.Names}}']);
    // containers the fuzz itself created with a valid body are fine; each must be removable
    const names = left.stdout.split('\n').filter(Boolean);
    if (names.length) expect((await ctx.docker(['rm', '-f', ...names])).code).toBe(0);
  }, 120_000);
});
