/**
 * Hostile registry responses from a tiny in-test registry (node:http on 127.0.0.1): a wrong
 * digest, a manifest over the 4 MiB limit (refused before it is read fully), a redirect loop on a
 * blob, a body that stalls forever (stall timeout from `<root>/config.json`), invalid JSON, a
 * manifest list without linux/amd64, an unknown layer media type, a garbage WWW-Authenticate and a
 * token endpoint answering HTML. Each pull fails with a typed one-line error, nothing is committed
 * (no image, tag, blob, snapshot or staging; only digest-keyed partials of layers may stay for a
 * resume) and nothing escapes as an unhandled rejection.
 */
import { promises as fsp } from 'node:fs';
import { tmpdir } from 'node:os';
import http from 'node:http';
import type { ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createEngine } from '../../../src/engine/create-engine.js';
import type { Engine } from '../../../src/engine/engine.js';
import { isEngineError, type ErrorCode } from '../../../src/lib/errors.js';
import { sha256 } from '../../../src/oci/digest.js';
import { configFor } from '../archive/fixtures.js';
import { assertBlobsValid, listBlobs } from '../../helpers/store.js';
import { scratch } from './fixtures.js';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => boolean | void;

const MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
const INDEX = 'application/vnd.oci.image.index.v1+json';
// an empty tar (two zero blocks) is a valid layer
const LAYER = Buffer.alloc(1024);
const LAYER_DIGEST = sha256(LAYER);
const CONFIG = configFor([LAYER_DIGEST]);
const CONFIG_DIGEST = sha256(CONFIG);
const manifestOf = (layerType = 'application/vnd.oci.image.layer.v1.tar') => Buffer.from(JSON.stringify({
  schemaVersion: 2, mediaType: MANIFEST,
  config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: CONFIG_DIGEST, size: CONFIG.length },
  layers: [{ mediaType: layerType, digest: LAYER_DIGEST, size: LAYER.length }],
}));

/** A registry that serves one good image at every repository, unless `override` answers first. */
/** Write `chunk` until `max` bytes went out or the client hangs up, honouring backpressure; counts what was sent. */
function flood(res: ServerResponse, chunk: Buffer, max: number, sentBytes: (n: number) => void): void {
  let sent = 0;
  const pump = () => {
    while (sent < max && !res.destroyed) {
      sent += chunk.length;
      sentBytes(chunk.length);
      if (!res.write(chunk)) { res.once('drain', pump); return; }
    }
    res.end();
  };
  pump();
}

async function startRegistry(override: Handler): Promise<{ host: string; close(): Promise<void> }> {
  const sockets = new Set<import('node:net').Socket>();
  const server = http.createServer((req, res) => {
    if (override(req, res)) return;
    const url = req.url ?? '';
    const send = (type: string, body: Buffer) => {
      res.writeHead(200, { 'Content-Type': type, 'Content-Length': body.length, 'Docker-Content-Digest': sha256(body) });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (url === '/v2/') return send('application/json', Buffer.from('{}'));
    if (/\/manifests\//.test(url)) return send(MANIFEST, manifestOf());
    if (url.endsWith(`/blobs/${CONFIG_DIGEST}`)) return send('application/octet-stream', CONFIG);
    if (url.endsWith(`/blobs/${LAYER_DIGEST}`)) return send('application/octet-stream', LAYER);
    res.writeHead(404, { 'Content-Type': 'application/json' }).end(JSON.stringify({ errors: [{ code: 'NOT_FOUND', message: 'nope' }] }));
  });
  server.on('connection', (s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
  await new Promise<void>((res) => server.listen(0, '127.0.0.1', res));
  const port = (server.address() as AddressInfo).port;
  return {
    host: `127.0.0.1:${port}`,
    close: () => new Promise<void>((res) => { for (const s of sockets) s.destroy(); server.close(() => res()); }),
  };
}

describe('hostile registry responses', () => {
  let root: string;
  let engine: Engine;
  let reg: { host: string; close(): Promise<void> } | undefined;
  const stray: unknown[] = [];
  const onStray = (err: unknown) => { stray.push(err); };

  beforeAll(() => { process.on('unhandledRejection', onStray); process.on('uncaughtException', onStray); });
  afterAll(() => { process.off('unhandledRejection', onStray); process.off('uncaughtException', onStray); });
  beforeEach(async () => {
    root = await fsp.mkdtemp(join(tmpdir(), 'berth-hostile-reg-'));
    // the stall timeout comes from berth's config file, as a user would set it
    await fsp.writeFile(join(root, 'config.json'), JSON.stringify({ 'registry-stall-timeout': 1, 'max-download-attempts': 1 }));
    engine = await createEngine({ root });
  });
  afterEach(async () => {
    await reg?.close();
    reg = undefined;
    await engine.close();
    await fsp.rm(root, { recursive: true, force: true });
  });

  async function pullFails(override: Handler, code: ErrorCode, message: RegExp, name = 'hostile/app:1'): Promise<string> {
    reg = await startRegistry(override);
    const err = await engine.pullImage(`${reg.host}/${name}`).catch((e: unknown) => e);
    expect(isEngineError(err), String((err as Error)?.stack ?? err)).toBe(true);
    const msg = (err as Error).message;
    expect([(err as { code: string }).code, msg]).toEqual([code, expect.stringMatching(message)]);
    expect(msg).not.toMatch(/[\r\n]/);
    // nothing committed
    expect(await engine.listImages({ all: true })).toEqual([]);
    expect(await listBlobs(root)).toEqual([]);
    expect((await scratch(root)).filter((n) => !/^ingest\/partial-[a-f0-9]{64}$/.test(n))).toEqual([]);
    await assertBlobsValid(root);
    // and system check agrees: nothing half-committed, nothing to repair
    const check = await engine.systemCheck({ repair: false });
    expect(check.findings.map((f) => `${f.kind} ${f.path}`)).toEqual([]);
    expect(stray).toEqual([]);
    return msg;
  }

  it('the good image pulls (the fixture is sound)', async () => {
    reg = await startRegistry(() => false);
    const res = await engine.pullImage(`${reg.host}/hostile/app:1`);
    expect(res.id).toBe(CONFIG_DIGEST);
    expect((await engine.systemCheck({ repair: false })).clean).toBe(true);
  });

  it('a manifest whose body does not match its announced digest is DATA_LOSS', async () => {
    await pullFails((req, res) => {
      if (!/\/manifests\//.test(req.url!)) return false;
      const body = manifestOf();
      res.writeHead(200, { 'Content-Type': MANIFEST, 'Docker-Content-Digest': sha256(Buffer.from('other')) }).end(req.method === 'HEAD' ? undefined : body);
      return true;
    }, 'DATA_LOSS', /manifest verification failed for digest sha256:/);
  });

  it('a layer whose bytes do not match its digest is DATA_LOSS', async () => {
    await pullFails((req, res) => {
      if (!req.url!.endsWith(`/blobs/${LAYER_DIGEST}`)) return false;
      res.writeHead(200, { 'Content-Length': LAYER.length }).end(Buffer.alloc(LAYER.length, 1));
      return true;
    }, 'DATA_LOSS', /sha256:/);
  });

  it('a manifest over 4 MiB is refused before it is read fully', async () => {
    let sent = 0;
    await pullFails((req, res) => {
      if (!/\/manifests\//.test(req.url!) || req.method !== 'GET') return false;
      res.writeHead(200, { 'Content-Type': MANIFEST });
      const chunk = Buffer.alloc(256 * 1024, 0x20);
      // up to 256 MiB, as fast as the client takes it; a refusing client closes early
      flood(res, chunk, 256 << 20, (b) => { sent += b; });
      return true;
    }, 'RESOURCE_EXHAUSTED', /response larger than 4194304 bytes/);
    expect(sent).toBeLessThan(64 << 20);
  });

  it('a manifest announcing more than 4 MiB is refused before its body is read', async () => {
    // without the Content-Length check this would stall (DEADLINE_EXCEEDED), not be refused
    await pullFails((req, res) => {
      if (!/\/manifests\//.test(req.url!) || req.method !== 'GET') return false;
      // announces 1 GiB, sends a few bytes and then nothing: only the header can end this early
      res.writeHead(200, { 'Content-Type': MANIFEST, 'Content-Length': 1 << 30 });
      res.write('{"schemaVersion": 2');
      return true;
    }, 'RESOURCE_EXHAUSTED', /response larger than 4194304 bytes/);
  });

  it('a config that claims gigabytes is refused after a bounded read, not buffered whole', async () => {
    let sent = 0;
    const huge = Buffer.from(JSON.stringify({
      schemaVersion: 2, mediaType: MANIFEST,
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: CONFIG_DIGEST, size: 8 * 1024 ** 3 },
      layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar', digest: LAYER_DIGEST, size: LAYER.length }],
    }));
    await pullFails((req, res) => {
      if (/\/manifests\//.test(req.url!)) {
        res.writeHead(200, { 'Content-Type': MANIFEST, 'Docker-Content-Digest': sha256(huge), 'Content-Length': huge.length }).end(req.method === 'HEAD' ? undefined : huge);
        return true;
      }
      if (!req.url!.endsWith(`/blobs/${CONFIG_DIGEST}`)) return false;
      res.writeHead(200, { 'Content-Type': 'application/octet-stream' });
      const chunk = Buffer.alloc(1 << 20, 0x20);
      flood(res, chunk, 1024 << 20, (b) => { sent += b; });
      return true;
    }, 'RESOURCE_EXHAUSTED', /response larger than \d+ bytes/);
    expect(sent).toBeLessThan(200 << 20);
  }, 120_000);

  it('a layer body that runs past its declared size is cut off there (DATA_LOSS), not written to disk', async () => {
    let sent = 0;
    await pullFails((req, res) => {
      if (!req.url!.endsWith(`/blobs/${LAYER_DIGEST}`)) return false;
      res.writeHead(200, { 'Content-Type': 'application/octet-stream' });
      const chunk = Buffer.alloc(1 << 20);
      flood(res, chunk, 1024 << 20, (b) => { sent += b; });
      return true;
    }, 'DATA_LOSS', /./);
    expect(sent).toBeLessThan(200 << 20);
  }, 120_000);

  it('a redirect loop on a blob stops after 10 hops (UNAVAILABLE)', async () => {
    let hops = 0;
    await pullFails((req, res) => {
      if (!req.url!.includes('/blobs/')) return false;
      hops++;
      res.writeHead(307, { Location: `${req.url!.split('?')[0]}?hop=${hops}` }).end();
      return true;
    }, 'UNAVAILABLE', /stopped after 10 redirects/);
    expect(hops).toBeLessThan(50);
  });

  it('a blob body that stalls forever fails after the configured stall timeout', async () => {
    const t0 = Date.now();
    await pullFails((req, res) => {
      if (!req.url!.endsWith(`/blobs/${LAYER_DIGEST}`)) return false;
      res.writeHead(200, { 'Content-Length': LAYER.length });
      res.write(LAYER.subarray(0, 100));
      return true; // and never another byte
    }, 'DEADLINE_EXCEEDED', /no data received for 1s/);
    expect(Date.now() - t0).toBeLessThan(20_000);
  });

  it('a manifest that is not JSON is DATA_LOSS (the registry sent corrupt content)', async () => {
    await pullFails((req, res) => {
      if (!/\/manifests\//.test(req.url!)) return false;
      const body = Buffer.from('{"schemaVersion": 2, "mediaType": "' + MANIFEST + '", "layers": [');
      res.writeHead(200, { 'Content-Type': MANIFEST, 'Docker-Content-Digest': sha256(body), 'Content-Length': body.length }).end(req.method === 'HEAD' ? undefined : body);
      return true;
    }, 'DATA_LOSS', /^invalid manifest for 127\.0\.0\.1:\d+\/hostile\/app:1: /);
  });

  it('a manifest list without linux/amd64 is NOT_FOUND', async () => {
    const index = Buffer.from(JSON.stringify({
      schemaVersion: 2, mediaType: INDEX,
      manifests: [{ mediaType: MANIFEST, digest: sha256(manifestOf()), size: manifestOf().length, platform: { os: 'windows', architecture: 's390x' } }],
    }));
    await pullFails((req, res) => {
      if (!req.url!.endsWith('/manifests/1') && !req.url!.endsWith(`/manifests/${sha256(index)}`)) return false;
      res.writeHead(200, { 'Content-Type': INDEX, 'Docker-Content-Digest': sha256(index), 'Content-Length': index.length }).end(req.method === 'HEAD' ? undefined : index);
      return true;
    }, 'NOT_FOUND', /no matching manifest for linux\/amd64/);
  });

  it('a layer with an unknown media type is INVALID_ARGUMENT', async () => {
    await pullFails((req, res) => {
      if (!/\/manifests\//.test(req.url!)) return false;
      const body = manifestOf('application/x-hostile-layer');
      res.writeHead(200, { 'Content-Type': MANIFEST, 'Docker-Content-Digest': sha256(body), 'Content-Length': body.length }).end(req.method === 'HEAD' ? undefined : body);
      return true;
    }, 'INVALID_ARGUMENT', /application\/x-hostile-layer/);
  });

  it('a garbage WWW-Authenticate header is a clear auth error', async () => {
    await pullFails((req, res) => {
      res.writeHead(401, { 'WWW-Authenticate': '\u00e2\u0098\u0083 ,,, =realm"" Bearer', 'Content-Type': 'application/json' })
        .end(req.method === 'HEAD' ? undefined : '{"errors":[{"code":"UNAUTHORIZED","message":"who are you"}]}');
      return true;
    }, 'UNAUTHENTICATED', /./).then((m) => console.log('garbage challenge:', m));
  });

  it('a token endpoint answering HTML is UNAVAILABLE, named as an undecodable token response', async () => {
    await pullFails((req, res) => {
      const host = req.headers.host!;
      if (req.url!.startsWith('/token')) {
        res.writeHead(200, { 'Content-Type': 'text/html' }).end('<html><body>Sign in, please</body></html>');
        return true;
      }
      if (req.headers.authorization) return false;
      res.writeHead(401, { 'WWW-Authenticate': `Bearer realm="http://${host}/token",service="hostile"`, 'Content-Type': 'application/json' })
        .end(req.method === 'HEAD' ? undefined : '{"errors":[{"code":"UNAUTHORIZED","message":"token needed"}]}');
      return true;
    }, 'UNAVAILABLE', /unable to decode token response/);
  });
});
