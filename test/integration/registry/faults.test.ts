/**
 * Transfers that go wrong: a proxy in front of docker-registry corrupts, truncates or stalls layer
 * downloads, or redirects them to another host. Failures are typed (DATA_LOSS, UNAVAILABLE,
 * DEADLINE_EXCEEDED), leave nothing behind (no image, no blob, no staging; a network failure keeps
 * only the digest-keyed partial of each layer), and a retry succeeds; interrupted downloads resume
 * with a Range request, within the pull and in the next one.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { pullImage } from '../../../src/image/pull.js';
import { pushImage } from '../../../src/image/push.js';
import { isEngineError } from '../../../src/lib/errors.js';
import { assertBlobsValid, listBlobs, makeTempStore, type TempStore } from '../../helpers/store.js';
import { HAVE_REGISTRY, type FaultProxy, type Registry, freePort, startFaultProxy, startRegistry } from '../../helpers/registry.js';
import { buildImage } from '../archive/fixtures.js';
import { deps, recorder, scratch } from './fixtures.js';

describe.skipIf(!HAVE_REGISTRY)('registry faults', () => {
  let reg: Registry;
  let authReg: Registry;
  let a: TempStore;
  let b: TempStore;
  let proxy: FaultProxy | undefined;
  let id: string;

  beforeAll(async () => {
    reg = await startRegistry();
    authReg = await startRegistry({ htpasswd: { user: 'alice', password: 'secret' } });
    a = await makeTempStore();
    // random content keeps the gzip layers large enough for the proxy to damage
    const big = randomBytes(256 * 1024).toString('base64');
    const img = await buildImage(a.store, [{ 'data/one': big }, { 'data/two': big.slice(7) }], { tags: [`${reg.host}/project/app:1.0`], gzip: [0, 1] });
    id = img.record.id;
    await pushImage(deps(a.store), `${reg.host}/project/app:1.0`);
    await a.store.setTag(`${authReg.host}/project/app:1.0`, img.record.id);
    await pushImage(deps(a.store, {}, { username: 'alice', password: 'secret' }), `${authReg.host}/project/app:1.0`);
  });
  afterAll(async () => { await Promise.allSettled([reg?.stop(), authReg?.stop(), a?.cleanup()]); });
  beforeEach(async () => { b = await makeTempStore(); });
  afterEach(async () => { await proxy?.close(); proxy = undefined; await b.cleanup(); });

  /** `partials`: a network failure keeps the bytes received (ingest/partial-<hex>) for the next pull. */
  async function expectNothingCommitted(partials = false) {
    expect(await b.store.meta.images.list()).toEqual([]);
    expect(await b.store.meta.readTags()).toEqual({});
    expect(await listBlobs(b.root)).toEqual([]);
    expect(await b.store.snapshots.list()).toEqual([]);
    const left = await scratch(b.root);
    expect(left.filter((n) => !/^ingest\/partial-[a-f0-9]{64}$/.test(n))).toEqual([]);
    if (partials) expect(left.length).toBeGreaterThan(0);
    else expect(left).toEqual([]);
    await assertBlobsValid(b.root);
  }

  it('a corrupted layer is DATA_LOSS with nothing committed; a retry succeeds', async () => {
    proxy = await startFaultProxy(reg.host, 'corrupt');
    const err = await pullImage(deps(b.store), `${proxy.host}/project/app:1.0`).catch((e: unknown) => e);
    expect(isEngineError(err, 'DATA_LOSS'), String(err)).toBe(true);
    expect((err as Error).message).toMatch(/verification failed for digest sha256:/);
    await expectNothingCommitted();
    proxy.mode = 'pass';
    const res = await pullImage(deps(b.store), `${proxy.host}/project/app:1.0`);
    expect(res.id).toBe(id);
    await assertBlobsValid(b.root);
    expect(await scratch(b.root)).toEqual([]);
  });

  it('a dropped connection resumes from the byte reached (Range) and the pull succeeds', async () => {
    proxy = await startFaultProxy(reg.host, 'truncate-once');
    const rec = recorder();
    const res = await pullImage(deps(b.store), `${proxy.host}/project/app:1.0`, { onProgress: rec.onProgress });
    expect(res.id).toBe(id);
    expect(proxy.blobGets.some((g) => /^bytes=\d+-$/.test(g.range ?? ''))).toBe(true);
    expect(rec.lines()).toContain('Status: Downloaded newer image for ' + `${proxy.host}/project/app:1.0`);
    await assertBlobsValid(b.root);
  });

  it('a connection dropped on every attempt is UNAVAILABLE after max-download-attempts', async () => {
    proxy = await startFaultProxy(reg.host, 'truncate');
    const err = await pullImage(deps(b.store, { maxDownloadAttempts: 2 }), `${proxy.host}/project/app:1.0`).catch((e: unknown) => e);
    expect(isEngineError(err, 'UNAVAILABLE'), String(err)).toBe(true);
    expect((err as Error).message).toMatch(/unexpected EOF|connection reset/);
    await expectNothingCommitted(true);
    // the next pull (another process could run it) starts from the bytes kept
    proxy.mode = 'pass';
    proxy.blobGets.length = 0;
    expect((await pullImage(deps(b.store), `${proxy.host}/project/app:1.0`)).id).toBe(id);
    expect(proxy.blobGets.some((g) => /^bytes=[1-9]\d*-$/.test(g.range ?? ''))).toBe(true);
    expect(await scratch(b.root)).toEqual([]);
  });

  it('a stalled body is DEADLINE_EXCEEDED after the stall timeout; a retry succeeds', async () => {
    proxy = await startFaultProxy(reg.host, 'stall');
    const t0 = Date.now();
    const err = await pullImage(deps(b.store, { maxDownloadAttempts: 1, stallTimeoutMs: 400 }), `${proxy.host}/project/app:1.0`).catch((e: unknown) => e);
    expect(isEngineError(err, 'DEADLINE_EXCEEDED'), String(err)).toBe(true);
    expect((err as Error).message).toMatch(/no data received for 0.4s/);
    expect(Date.now() - t0).toBeLessThan(10_000);
    await expectNothingCommitted(true);
    proxy.mode = 'pass';
    expect((await pullImage(deps(b.store), `${proxy.host}/project/app:1.0`)).id).toBe(id);
    expect(await scratch(b.root)).toEqual([]);
  });

  it('a registry that is down is UNAVAILABLE with docker\'s dial error', async () => {
    const port = await freePort();
    const err = await pullImage(deps(b.store), `127.0.0.1:${port}/project/app:1.0`).catch((e: unknown) => e);
    expect(isEngineError(err, 'UNAVAILABLE'), String(err)).toBe(true);
    expect((err as Error).message).toBe(`Get "http://127.0.0.1:${port}/v2/": dial tcp 127.0.0.1:${port}: connect: connection refused`);
    await expectNothingCommitted();
  });

  it('redirects are followed without sending the credentials to the other host', async () => {
    const basic = `Basic ${Buffer.from('alice:secret').toString('base64')}`;
    proxy = await startFaultProxy(authReg.host, 'redirect', { cdnAuth: basic });
    const res = await pullImage(deps(b.store, {}, { username: 'alice', password: 'secret' }), `${proxy.host}/project/app:1.0`);
    expect(res.id).toBe(id);
    expect(proxy.blobGets.length).toBeGreaterThan(0);
    expect(proxy.blobGets.every((g) => g.authorization === basic)).toBe(true);
    expect(proxy.redirected.length).toBe(proxy.blobGets.length);
    expect(proxy.redirected.every((r) => r.authorization === undefined)).toBe(true);
  });
});
