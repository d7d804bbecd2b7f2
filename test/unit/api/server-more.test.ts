/**
 * The exec, archive, stats, volume and df routes over a fake Engine on a real unix socket: header
 * encoding, stats stream shaping, the exec hijack (body off the socket, stdcopy frames, start
 * failures in-band) and statuses. No root, no containers.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { request, type Server } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/engine/engine.js';
import type { AttachStreams, ContainerStatsJSON, PathStat } from '../../../src/engine/types.js';
import { createApiServer } from '../../../src/api/server/index.js';
import { decodePathStat, encodePathStat } from '../../../src/api/server/archive.js';
import { boolOr, checkUpdate, statsLine, statsQuery } from '../../../src/api/server/containers-more.js';
import { selectUsage } from '../../../src/api/server/df.js';
import { checkExecConfig, parseStartBody } from '../../../src/api/server/exec.js';
import { checkVolumeCreate } from '../../../src/api/server/volumes.js';
import { EngineError } from '../../../src/lib/errors.js';

const STAT: PathStat = { name: 'etc', size: 4096, mode: 2147484141, mtime: '2026-01-02T03:04:05.123456789Z', linkTarget: '' };
const sample = (n: number) => ({ read: `t${n}`, id: 'c1', name: '/c' }) as unknown as ContainerStatsJSON;
const missing = () => new EngineError('NOT_FOUND', 'No such container: nope');

describe('pure helpers', () => {
  it('encodes the path stat header as base64 JSON in Go field order, and back', () => {
    const h = encodePathStat({ linkTarget: '/x', mtime: STAT.mtime, mode: STAT.mode, size: 1, name: 'l' });
    expect(Buffer.from(h, 'base64').toString()).toBe('{"name":"l","size":1,"mode":2147484141,"mtime":"2026-01-02T03:04:05.123456789Z","linkTarget":"/x"}');
    expect(decodePathStat(encodePathStat(STAT))).toEqual(STAT);
    expect(() => decodePathStat('%%%not-base64-json')).toThrow(/unable to decode/);
  });

  it('reads stats queries as dockerd does: stream by default, one-shot only without it', () => {
    const q = (s: string) => new URLSearchParams(s);
    expect(statsQuery(q(''))).toEqual({ stream: true, oneShot: false });
    expect(statsQuery(q('stream=0'))).toEqual({ stream: false, oneShot: false });
    expect(statsQuery(q('stream=false&one-shot=1'))).toEqual({ stream: false, oneShot: true });
    expect(() => statsQuery(q('one-shot=true'))).toThrow(/cannot have stream=true and one-shot=true/);
    expect(boolOr(q('x=None'), 'x', true)).toBe(false);
    expect(boolOr(q('x=yes'), 'x', false)).toBe(true);
    expect(boolOr(q('x='), 'x', true)).toBe(true);
    expect(statsLine(sample(1))).toBe('{"read":"t1","id":"c1","name":"/c"}\n');
  });

  it('limits system df to the asked types', () => {
    const du = { LayersSize: 5, Images: [], Containers: [], Volumes: [], BuildCache: [] };
    expect(selectUsage(du, [])).toBe(du);
    expect(selectUsage(du, ['volume'])).toEqual({ Volumes: [] });
    expect(selectUsage(du, ['image', 'build-cache'])).toEqual({ LayersSize: 5, Images: [], BuildCache: [] });
    expect(() => selectUsage(du, ['bogus'])).toThrow(/unknown object type: bogus/);
  });

  it('refuses ill-typed exec, volume and update bodies with 400s instead of passing them on', () => {
    expect(checkExecConfig({ Cmd: ['sh'], Env: null, Tty: true })).toMatchObject({ Cmd: ['sh'] });
    expect(() => checkExecConfig({})).toThrow(/No exec command specified/);
    expect(() => checkExecConfig({ Cmd: [] })).toThrow(/No exec command specified/);
    expect(() => checkExecConfig({ Cmd: 'sh' })).toThrow(/Cmd must be a list of strings/);
    expect(() => checkExecConfig({ Cmd: ['sh'], Env: [5] })).toThrow(/Env/);
    expect(() => checkExecConfig({ Cmd: ['sh'], User: 0 })).toThrow(/User must be a string/);
    expect(() => checkExecConfig('x')).toThrow(/not an object/);
    expect(checkVolumeCreate(undefined)).toEqual({});
    expect(checkVolumeCreate({ Name: 'v', Labels: { a: 'b' } })).toEqual({ Name: 'v', Labels: { a: 'b' } });
    expect(() => checkVolumeCreate({ Name: 123 })).toThrow(/Name must be a string/);
    expect(() => checkVolumeCreate({ Labels: 'y' })).toThrow(/Labels must map/);
    expect(() => checkVolumeCreate({ DriverOpts: { a: 1 } })).toThrow(/DriverOpts must map/);
    expect(checkUpdate({ Memory: 1, RestartPolicy: { Name: 'always' } })).toMatchObject({ Memory: 1 });
    expect(() => checkUpdate({ Memory: '1g' })).toThrow(/Memory must be a number/);
    expect(() => checkUpdate({ RestartPolicy: 'always' })).toThrow(/RestartPolicy/);
    expect(checkUpdate({ CpuQuota: 0, CpusetCpus: '', Memory: 5 })).toMatchObject({ Memory: 5 });
    expect(() => checkUpdate({ CpuQuota: 50000 })).toThrow(/updating CpuQuota is not supported by berth/);
    for (const e of [() => checkUpdate([]), () => checkVolumeCreate([]), () => checkExecConfig([])]) {
      try { e(); } catch (err) { expect((err as EngineError).code).toBe('INVALID_ARGUMENT'); }
    }
  });

  it('parses exec start bodies', () => {
    expect(parseStartBody(Buffer.alloc(0))).toEqual({});
    expect(parseStartBody(Buffer.from('{"Detach":true}'))).toEqual({ Detach: true });
    expect(() => parseStartBody(Buffer.from('{'))).toThrow(/invalid JSON/);
    expect(() => parseStartBody(Buffer.from('[1]'))).toThrow(/invalid exec start body/);
  });
});

/** Only what the routes under test call; anything else would throw. */
function fakeEngine(log: string[]): Engine {
  return {
    async archiveStat(ref: string) { if (ref === 'nope') throw missing(); return STAT; },
    async *containerStats(ref: string, opts: { stream?: boolean }) {
      if (ref === 'nope') throw missing();
      for (let n = 1; n <= 3; n++) { yield sample(n); if (!opts.stream) return; }
    },
    async execInspect(id: string) { if (id === 'nope') throw missing(); return { ProcessConfig: { tty: false } }; },
    async execStart(id: string, opts: { detach?: boolean; attach?: AttachStreams }) {
      log.push(`start ${id} detach=${opts.detach === true}`);
      if (id === 'fails') throw new EngineError('INVALID_ARGUMENT', 'exec failed: no such file', { detail: { exitCode: 127 } });
      if (opts.detach) return {};
      const a = opts.attach!;
      const input = !a.stdin ? '' : await new Promise<string>((res) => { let s = ''; a.stdin!.on('data', (d) => (s += d)); a.stdin!.on('end', () => res(s)); });
      a.stdout!.write(`got:${input}`);
      a.stderr!.write('err');
      return { attach: { done: Promise.resolve('eof' as const), close: () => undefined } };
    },
    async listVolumes(opts: { filters?: Record<string, string[]> }) { return { Volumes: [], Warnings: [], filters: opts.filters }; },
    async removeVolume(name: string, opts: { force?: boolean }) { log.push(`rm ${name} force=${opts.force}`); },
  } as unknown as Engine;
}

let dir: string;
let sock: string;
let server: Server;
const log: string[] = [];

function call(method: string, path: string, body?: string): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((res, rej) => {
    const req = request({ socketPath: sock, method, path, headers: body ? { 'Content-Type': 'application/json' } : {} }, (r) => {
      let b = '';
      r.on('data', (d) => (b += d));
      r.on('end', () => res({ status: r.statusCode ?? 0, headers: r.headers, body: b }));
    });
    req.on('error', rej);
    req.end(body);
  });
}

/** A raw upgraded exec start: JSON body and stdin in one write, then half-close; all bytes back. */
function hijack(id: string, body: string, stdin: string): Promise<Buffer> {
  return new Promise((res, rej) => {
    const c = connect(sock, () => {
      c.write(`POST /v1.50/exec/${id}/start HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: tcp\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}${stdin}`);
      c.end();
    });
    const chunks: Buffer[] = [];
    c.on('data', (d) => chunks.push(d));
    c.on('close', () => res(Buffer.concat(chunks)));
    c.on('error', rej);
  });
}

describe('routes over a fake engine', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'berth-api-unit-'));
    sock = join(dir, 's.sock');
    server = createApiServer(fakeEngine(log));
    await new Promise<void>((r) => server.listen(sock, r));
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    rmSync(dir, { recursive: true, force: true });
  });

  it('HEAD archive carries the stat header; a missing container is a bare 404; path is required', async () => {
    const r = await call('HEAD', '/v1.50/containers/c/archive?path=%2Fetc');
    expect(r.status).toBe(200);
    expect(decodePathStat(String(r.headers['x-docker-container-path-stat']))).toEqual(STAT);
    expect((await call('HEAD', '/containers/nope/archive?path=/etc')).status).toBe(404);
    const noPath = await call('GET', '/containers/c/archive');
    expect(noPath).toMatchObject({ status: 400, body: '{"message":"bad parameter: path cannot be empty"}\n' });
  });

  it('stats: one JSON line per sample while streaming, one object without, 400 and 404', async () => {
    const streamed = await call('GET', '/containers/c/stats');
    expect(streamed.status).toBe(200);
    expect(streamed.body.split('\n')).toEqual([statsLine(sample(1)), statsLine(sample(2)), statsLine(sample(3)), ''].map((l) => l.trimEnd()));
    const once = await call('GET', '/containers/c/stats?stream=false');
    expect(JSON.parse(once.body)).toEqual(sample(1));
    expect((await call('GET', '/containers/c/stats?one-shot=1')).status).toBe(400);
    expect(await call('GET', '/containers/nope/stats?stream=0')).toMatchObject({ status: 404, body: '{"message":"No such container: nope"}\n' });
  });

  it('exec start: the body is not stdin, stdcopy frames, Detach answered 200, failures in-band', async () => {
    const raw = await hijack('e1', '{"Detach":false,"Tty":false}', 'input');
    const text = raw.toString('latin1');
    expect(text).toMatch(/^HTTP\/1\.1 101 UPGRADED\r\nContent-Type: application\/vnd\.docker\.multiplexed-stream\r\n/);
    const payload = raw.subarray(raw.indexOf('\r\n\r\n') + 4);
    expect(payload).toEqual(Buffer.concat([Buffer.from([1, 0, 0, 0, 0, 0, 0, 9]), Buffer.from('got:input'), Buffer.from([2, 0, 0, 0, 0, 0, 0, 3]), Buffer.from('err')]));
    const tty = await hijack('tty', '{"Tty":true}', 'abc');
    expect(tty.toString()).toMatch(/raw-stream\r\n[^]*\r\n\r\ngot:abcerr$/);
    const failed = await hijack('fails', '{}', '');
    expect(failed.toString()).toMatch(/\r\n\r\n\x01\0\0\0\0\0\0\x1bexec failed: no such file\r\n$/);
    expect((await hijack('nope', '{}', '')).toString()).toMatch(/^HTTP\/1\.1 404 [^]*No such container: nope/);
    expect(await call('POST', '/exec/d1/start', '{"Detach":true}')).toMatchObject({ status: 200, body: '' });
    // no Upgrade: the output on the same connection (no stdin: the HTTP parser still owns the socket)
    const plain = await new Promise<Buffer>((res, rej) => {
      const c = connect(sock, () => c.write('POST /exec/p1/start HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}'));
      const chunks: Buffer[] = [];
      c.on('data', (d) => chunks.push(d));
      c.on('close', () => res(Buffer.concat(chunks)));
      c.on('error', rej);
    });
    expect(plain.toString('latin1')).toMatch(/^HTTP\/1\.1 200 OK\r\n[^]*\r\n\r\n\x01\0\0\0\0\0\0\x04got:\x02\0\0\0\0\0\0\x03err$/);
    expect(log).toContain('start d1 detach=true');
  });

  it('volumes: filters pass through, delete with force is 204', async () => {
    const ls = await call('GET', `/volumes?filters=${encodeURIComponent('{"label":{"a=b":true}}')}`);
    expect(JSON.parse(ls.body)).toMatchObject({ filters: { label: ['a=b'] } });
    expect((await call('DELETE', '/volumes/v1?force=1')).status).toBe(204);
    expect(log).toContain('rm v1 force=true');
  });
});
