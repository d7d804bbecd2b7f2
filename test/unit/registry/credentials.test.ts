/** docker's config.json as berth reads and writes it: auths, legacy keys, helpers, 0600 atomic writes. */
import { promises as fsp } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CredentialStore } from '../../../src/registry/auth/credentials.js';
import { dockerConfigDir } from '../../../src/registry/auth/docker-config.js';
import { logout } from '../../../src/registry/auth/login-flow.js';

let dir: string;
let file: string;
beforeEach(async () => { dir = await fsp.mkdtemp(join(tmpdir(), 'berth-creds-')); file = join(dir, 'config.json'); });
afterEach(async () => { await fsp.rm(dir, { recursive: true, force: true }); });

const b64 = (s: string) => Buffer.from(s).toString('base64');

describe('CredentialStore (file)', () => {
  it('DOCKER_CONFIG wins over ~/.docker', () => {
    expect(dockerConfigDir({ DOCKER_CONFIG: '/x/y', HOME: '/h' })).toBe('/x/y');
    expect(dockerConfigDir({ HOME: '/h' })).toBe('/h/.docker');
  });

  it('stores base64 user:pass 0600 with docker\'s layout, keeps other keys, reports plain-text storage', async () => {
    await fsp.writeFile(file, JSON.stringify({ psFormat: 'table {{.ID}}', auths: { other: { auth: b64('o:p') } } }));
    const c = new CredentialStore(dir);
    expect(await c.store('127.0.0.1:5000', { username: 'alice', password: 'secret' })).toEqual({ unencrypted: file });
    expect((await fsp.stat(file)).mode & 0o777).toBe(0o600);
    const text = await fsp.readFile(file, 'utf8');
    expect(text.startsWith('{\n\t"auths": {')).toBe(true);
    expect(JSON.parse(text)).toEqual({ auths: { other: { auth: b64('o:p') }, '127.0.0.1:5000': { auth: b64('alice:secret') } }, psFormat: 'table {{.ID}}' });
    // unchanged credentials: no rewrite, no warning
    expect(await c.store('127.0.0.1:5000', { username: 'alice', password: 'secret' })).toEqual({});
    expect(await c.get('127.0.0.1:5000')).toEqual({ username: 'alice', password: 'secret', serveraddress: '127.0.0.1:5000' });
    expect((await fsp.readdir(dir)).sort()).toEqual(['config.json']); // no temp files left
  });

  it('finds legacy keys by hostname; erase and logout remove every spelling', async () => {
    await fsp.writeFile(file, JSON.stringify({ auths: { 'https://reg.example.com:5000/v1/': { auth: b64('u:p:with:colons') } } }));
    const c = new CredentialStore(dir);
    expect(await c.get('reg.example.com:5000')).toMatchObject({ username: 'u', password: 'p:with:colons' });
    expect(await c.get('reg.example.com')).toBeUndefined();
    expect(await logout(c, 'https://reg.example.com:5000/v1/')).toEqual({ server: 'reg.example.com:5000', failures: [] });
    expect(JSON.parse(await fsp.readFile(file, 'utf8'))).toEqual({ auths: {} });
  });

  it('identity tokens are kept instead of the password', async () => {
    const c = new CredentialStore(dir);
    expect(await c.store('https://index.docker.io/v1/', { username: 'bob', password: 'x', identitytoken: 'tok' })).toEqual({});
    expect(JSON.parse(await fsp.readFile(file, 'utf8')).auths['https://index.docker.io/v1/']).toEqual({ auth: b64('bob:'), identitytoken: 'tok' });
    expect(await c.get('https://index.docker.io/v1/')).toMatchObject({ username: 'bob', identitytoken: 'tok' });
  });

  it('a missing or empty file has no credentials', async () => {
    expect(await new CredentialStore(dir).get('x')).toBeUndefined();
    await fsp.writeFile(file, '');
    expect(await new CredentialStore(dir).get('x')).toBeUndefined();
  });
});

describe('CredentialStore (helpers)', () => {
  const savedPath = process.env.PATH;
  afterEach(() => { process.env.PATH = savedPath; });

  async function helper(name: string, script: string) {
    await fsp.writeFile(join(dir, `docker-credential-${name}`), `#!/bin/sh\n${script}\n`, { mode: 0o755 });
    process.env.PATH = `${dir}:${savedPath}`;
  }

  it('credHelpers beats credsStore; get reads {Username,Secret}; <token> means an identity token', async () => {
    await helper('one', `read s; [ "$1" = get ] && echo '{"ServerURL":"'$s'","Username":"<token>","Secret":"idtok"}'`);
    await helper('two', `read s; [ "$1" = get ] && echo '{"ServerURL":"'$s'","Username":"u2","Secret":"p2"}'`);
    await fsp.writeFile(file, JSON.stringify({ credsStore: 'two', credHelpers: { 'a.example': 'one' } }));
    const c = new CredentialStore(dir);
    expect(await c.get('a.example')).toEqual({ identitytoken: 'idtok', serveraddress: 'a.example' });
    expect(await c.get('b.example')).toEqual({ username: 'u2', password: 'p2', serveraddress: 'b.example' });
  });

  it('"credentials not found" is no credentials; a missing helper program is docker\'s error', async () => {
    await helper('none', 'echo "credentials not found in native keychain"; exit 1');
    await fsp.writeFile(file, JSON.stringify({ credsStore: 'none' }));
    expect(await new CredentialStore(dir).get('x')).toBeUndefined();
    await fsp.writeFile(file, JSON.stringify({ credsStore: 'absent-helper' }));
    await expect(new CredentialStore(dir).get('x')).rejects.toThrow('error getting credentials - err: exec: "docker-credential-absent-helper": executable file not found in $PATH, out: ``');
  });
});
