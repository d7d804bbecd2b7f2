/**
 * Credentials end to end through the engine: docker-registry with htpasswd (Basic) and with token
 * auth (a token server signing JWTs with an openssl certificate), docker's config file under
 * DOCKER_CONFIG (0600, base64 auths, docker's key), a credential helper program, and docker's
 * messages for wrong passwords and missing credentials.
 */
import { promises as fsp } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createEngine } from '../../../src/engine/create-engine.js';
import type { Engine } from '../../../src/engine/engine.js';
import { isEngineError } from '../../../src/lib/errors.js';
import { makeTempStore, type TempStore } from '../../helpers/store.js';
import { HAVE_REGISTRY, type Registry, type TokenServer, startRegistry, startTokenServer } from '../../helpers/registry.js';
import { buildImage } from '../archive/fixtures.js';

const fail = (p: Promise<unknown>) => p.then(() => { throw new Error('expected a failure'); }, (e: unknown) => e as Error);

describe.skipIf(!HAVE_REGISTRY)('registry credentials', () => {
  let basic: Registry;
  let tokens: TokenServer;
  let tokenReg: Registry;
  let s: TempStore;
  let engine: Engine;
  let cfgDir: string;
  const savedEnv = { DOCKER_CONFIG: process.env.DOCKER_CONFIG, PATH: process.env.PATH };

  beforeAll(async () => {
    basic = await startRegistry({ htpasswd: { user: 'alice', password: 'secret' } });
    tokens = await startTokenServer('bob', 'hunter2');
    tokenReg = await startRegistry({ token: tokens });
  });
  afterAll(async () => { await Promise.allSettled([basic?.stop(), tokenReg?.stop(), tokens?.close()]); });
  beforeEach(async () => {
    s = await makeTempStore();
    cfgDir = await fsp.mkdtemp(join(tmpdir(), 'berth-dockercfg-'));
    process.env.DOCKER_CONFIG = cfgDir;
    engine = await createEngine({ root: s.root });
  });
  afterEach(async () => {
    process.env.DOCKER_CONFIG = savedEnv.DOCKER_CONFIG;
    if (savedEnv.DOCKER_CONFIG === undefined) delete process.env.DOCKER_CONFIG;
    process.env.PATH = savedEnv.PATH;
    await engine.close();
    await s.cleanup();
    await fsp.rm(cfgDir, { recursive: true, force: true });
  });

  const readCfg = async () => JSON.parse(await fsp.readFile(join(cfgDir, 'config.json'), 'utf8'));

  it('Basic: wrong password fails as docker says, the right one is stored 0600, push/pull work, logout erases', async () => {
    const img = await buildImage(s.store, [{ 'etc/hello': 'hi' }], { tags: [`${basic.host}/secure/app:1.0`] });
    const anon = await fail(engine.pushImage(`${basic.host}/secure/app:1.0`));
    expect(isEngineError(anon, 'UNAUTHENTICATED')).toBe(true);
    // a plain layer has no known digest to check: its upload session is the first request
    expect(anon.message).toBe(`Post "http://${basic.host}/v2/secure/app/blobs/uploads/": no basic auth credentials`);

    const wrong = await fail(engine.login(basic.host, 'alice', 'nope'));
    expect(isEngineError(wrong, 'UNAUTHENTICATED')).toBe(true);
    expect(wrong.message).toBe(`login attempt to http://${basic.host}/v2/ failed with status: 401 Unauthorized`);
    await expect(fsp.stat(join(cfgDir, 'config.json'))).rejects.toThrow(/ENOENT/);

    const ok = await engine.login(basic.host, 'alice', 'secret');
    expect(ok).toEqual({ Status: 'Login Succeeded', storedUnencrypted: join(cfgDir, 'config.json') });
    expect((await fsp.stat(join(cfgDir, 'config.json'))).mode & 0o777).toBe(0o600);
    expect(await fsp.readFile(join(cfgDir, 'config.json'), 'utf8')).toBe(`{\n\t"auths": {\n\t\t"${basic.host}": {\n\t\t\t"auth": "${Buffer.from('alice:secret').toString('base64')}"\n\t\t}\n\t}\n}`);
    expect(await engine.storedAuth(basic.host)).toMatchObject({ username: 'alice', password: 'secret' });

    await engine.pushImage(`${basic.host}/secure/app:1.0`);
    await engine.removeImage(`${basic.host}/secure/app:1.0`);
    expect((await engine.pullImage(`${basic.host}/secure/app:1.0`)).id).toBe(img.record.id);

    expect(await engine.logout(basic.host)).toEqual({ server: basic.host, failures: [] });
    expect(await readCfg()).toEqual({ auths: {} });
    const after = await fail(engine.pullImage(`${basic.host}/secure/app:1.0`));
    expect(after.message).toBe(`Head "http://${basic.host}/v2/secure/app/manifests/1.0": no basic auth credentials`);
  });

  it('Bearer: the token flow with scopes, a cached token, docker\'s message for a refused password', async () => {
    const img = await buildImage(s.store, [{ 'a': '1' }, { 'b': '2' }, { 'c': '3' }], { tags: [`${tokenReg.host}/project/app:1.0`] });
    const wrong = await fail(engine.login(tokenReg.host, 'bob', 'wrong'));
    expect(isEngineError(wrong, 'UNAUTHENTICATED')).toBe(true);
    expect(wrong.message).toBe(`Get "http://${tokenReg.host}/v2/": unauthorized: incorrect username or password`);

    expect((await engine.login(tokenReg.host, 'bob', 'hunter2')).Status).toBe('Login Succeeded');
    tokens.requests.length = 0;
    const pushed = await engine.pushImage(`${tokenReg.host}/project/app:1.0`);
    expect(pushed.pushed).toHaveLength(1);
    // one token for the repository, reused by every request of the push
    expect(tokens.requests).toEqual([{ scopes: ['repository:project/app:pull,push'], account: 'bob', authorized: true }]);

    // anonymous pull is allowed by this token server; push is not
    await engine.logout(tokenReg.host);
    await engine.removeImage(`${tokenReg.host}/project/app:1.0`);
    tokens.requests.length = 0;
    expect((await engine.pullImage(`${tokenReg.host}/project/app:1.0`)).id).toBe(img.record.id);
    expect(tokens.requests.every((r) => !r.authorized && r.scopes.join() === 'repository:project/app:pull')).toBe(true);
    const denied = await fail(engine.pushImage(`${tokenReg.host}/project/app:1.0`));
    expect(isEngineError(denied)).toBe(true);
    expect(denied.message).toMatch(/^(unauthorized|denied): /);
  });

  it('a credential helper (credsStore) gets the password; the file keeps only an empty entry', async () => {
    const bin = await fsp.mkdtemp(join(tmpdir(), 'berth-credhelper-'));
    const store = join(bin, 'store.json');
    // a helper in docker-credential-helpers' protocol, keeping one JSON file per server
    await fsp.writeFile(join(bin, 'docker-credential-berthtest'), `#!/bin/sh
set -e
d=${bin}/creds; mkdir -p "$d"
case "$1" in
  store) cat > "$d/tmp"; key=$(sed -n 's/.*"ServerURL":"\\([^"]*\\)".*/\\1/p' "$d/tmp" | tr '/:' '__'); mv "$d/tmp" "$d/$key"; cp "$d/$key" ${store} ;;
  get) key=$(cat | tr '/:' '__'); [ -f "$d/$key" ] || { echo "credentials not found in native keychain"; exit 1; }; cat "$d/$key" ;;
  erase) key=$(cat | tr '/:' '__'); rm -f "$d/$key" ;;
esac
`, { mode: 0o755 });
    process.env.PATH = `${bin}:${process.env.PATH}`;
    try {
      await fsp.writeFile(join(cfgDir, 'config.json'), JSON.stringify({ credsStore: 'berthtest', psFormat: 'table {{.ID}}' }));
      const img = await buildImage(s.store, [{ 'etc/x': 'y' }], { tags: [`${basic.host}/helper/app:1.0`] });
      const res = await engine.login(basic.host, 'alice', 'secret');
      expect(res).toEqual({ Status: 'Login Succeeded' });
      expect(JSON.parse(await fsp.readFile(store, 'utf8'))).toEqual({ ServerURL: basic.host, Username: 'alice', Secret: 'secret' });
      expect(await readCfg()).toEqual({ auths: { [basic.host]: {} }, credsStore: 'berthtest', psFormat: 'table {{.ID}}' });
      await engine.pushImage(`${basic.host}/helper/app:1.0`);
      expect((await engine.pullImage(`${basic.host}/helper/app:1.0`)).id).toBe(img.record.id);
      await engine.logout(basic.host);
      expect(await engine.storedAuth(basic.host)).toBeUndefined();
      expect(await readCfg()).toEqual({ auths: {}, credsStore: 'berthtest', psFormat: 'table {{.ID}}' });
    } finally {
      await fsp.rm(bin, { recursive: true, force: true });
    }
  });
});
