/**
 * pull / push / login through the remote engine: X-Registry-Auth from explicit credentials or the
 * client's docker config (login stores there, as the docker CLI does), progress mapped back to
 * ProgressEvents. berth serve talks to a local docker-registry with htpasswd.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectEngine } from '../../../src/api/client/index.js';
import type { Engine } from '../../../src/engine/engine.js';
import type { ProgressEvent } from '../../../src/types/registry.js';
import { HAVE_REGISTRY, startRegistry, type Registry } from '../../helpers/registry.js';
import { skipServe, startServe, type Served } from '../../helpers/serve.js';
import { codeOf, needsDist } from './support.js';

const skip = !HAVE_REGISTRY ? ' (skipped: /usr/bin/docker-registry is not installed)' : needsDist;

describe.skipIf(skipServe || !!skip)(`remote engine: login, push, pull${skip}`, () => {
  let s: Served;
  let reg: Registry;
  let engine: Engine;
  const savedConfig = process.env.DOCKER_CONFIG;

  beforeAll(async () => {
    s = await startServe('berth-remote-reg-');
    reg = await startRegistry({ htpasswd: { user: 'alice', password: 's3cret' } });
    process.env.DOCKER_CONFIG = join(s.root, 'client-docker-config');
    engine = await connectEngine(`unix://${s.sock}`);
  });
  afterAll(async () => {
    if (savedConfig === undefined) delete process.env.DOCKER_CONFIG; else process.env.DOCKER_CONFIG = savedConfig;
    await engine?.close();
    await reg?.stop();
    await s?.stop();
  });

  it('logs in through the daemon and keeps the credentials client-side', async () => {
    expect(await codeOf(engine.login(reg.host, 'alice', 'wrong', { store: false }))).toBe('UNAUTHENTICATED');
    const r = await engine.login(reg.host, 'alice', 's3cret');
    expect(r.Status).toBe('Login Succeeded');
    const cfg = JSON.parse(readFileSync(join(process.env.DOCKER_CONFIG!, 'config.json'), 'utf8')) as { auths: Record<string, unknown> };
    expect(Object.keys(cfg.auths)).toContain(reg.host);
    expect(await engine.storedAuth(reg.host)).toMatchObject({ username: 'alice', password: 's3cret' });
  });

  it('pushes with the stored credentials and pulls back with progress events', async () => {
    const ref = `${reg.host}/remote/bb:v1`;
    await engine.tagImage('busybox', ref);
    const pushed: ProgressEvent[] = [];
    const p = await engine.pushImage(ref, { onProgress: (e) => pushed.push(e) });
    expect(p.pushed).toHaveLength(1);
    expect(p.pushed[0]).toMatchObject({ Tag: 'v1', Digest: expect.stringMatching(/^sha256:[0-9a-f]{64}$/) });
    expect(pushed.some((e) => e.layer && /Push(ed|ing)/.test(e.status))).toBe(true);

    const id = (await engine.inspectImage(ref)).Id;
    await engine.removeImage(ref);
    const pulled: ProgressEvent[] = [];
    const r = await engine.pullImage(ref, { onProgress: (e) => pulled.push(e) });
    expect(r).toMatchObject({ id, updated: true, reference: ref });
    expect(pulled.some((e) => e.status.startsWith('Digest: sha256:'))).toBe(true);
    // the layers are still stored (busybox keeps them), so only image-level lines come
    expect(pulled[0]).toEqual({ id: 'v1', status: `Pulling from ${reg.host}/remote/bb` });
    const again = await engine.pullImage(ref);
    expect(again.updated).toBe(false);

    await engine.logout(reg.host);
    await engine.removeImage(ref);
    expect(await codeOf(engine.pullImage(ref))).not.toBe('resolved');
    await expect(engine.pullImage(ref, { auth: { username: 'alice', password: 's3cret' } })).resolves.toMatchObject({ id });
  });
});
