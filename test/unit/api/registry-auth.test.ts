/**
 * X-Registry-Auth decoding (base64url JSON AuthConfig, as moby's DecodeAuthConfig), the pull
 * target of POST /images/create, the 401 → 500 rule of pull/push streams, and the commit body's
 * config as --change instructions.
 */
import { describe, expect, it } from 'vitest';
import { authFromWire, decodeRegistryAuth } from '../../../src/api/server/auth.js';
import { pullTarget, streamError } from '../../../src/api/server/images-transfer.js';
import { configChanges } from '../../../src/api/server/commit.js';
import { errorStatus } from '../../../src/api/server/index.js';
import { EngineError } from '../../../src/lib/errors.js';

const enc = (v: unknown, how: BufferEncoding = 'base64url') => Buffer.from(JSON.stringify(v)).toString(how);

describe('X-Registry-Auth', () => {
  it('absent or empty is anonymous', () => {
    expect(decodeRegistryAuth(undefined)).toEqual({});
    expect(decodeRegistryAuth('')).toEqual({});
    // what the docker CLI sends with no stored credentials: "{}" base64url-encoded
    expect(decodeRegistryAuth(enc({}))).toEqual({});
  });

  it('decodes base64url (and standard base64) JSON, dropping empty fields', () => {
    const cfg = { username: 'alice', password: 'p?>>~', serveraddress: '127.0.0.1:5000', email: '', identitytoken: '' };
    expect(enc(cfg)).not.toBe(enc(cfg, 'base64')); // the URL alphabet matters for this password
    const want = { username: 'alice', password: 'p?>>~', serveraddress: '127.0.0.1:5000' };
    expect(decodeRegistryAuth(enc(cfg))).toEqual(want);
    expect(decodeRegistryAuth(enc(cfg, 'base64'))).toEqual(want);
    expect(decodeRegistryAuth([enc({ registrytoken: 'tok' })])).toEqual({ registrytoken: 'tok' });
  });

  it('takes user:password from "auth" when they are not given separately', () => {
    expect(authFromWire({ auth: Buffer.from('bob:pw:with:colons').toString('base64') })).toEqual({ username: 'bob', password: 'pw:with:colons' });
    expect(authFromWire({ auth: Buffer.from('bob:x').toString('base64'), username: 'carol', password: 'y' })).toEqual({ username: 'carol', password: 'y' });
  });

  it('undecodable is a 400 with moby\'s prefix', () => {
    for (const bad of ['!!!notbase64', enc('just a string'), enc([1])]) {
      let err: unknown;
      try { decodeRegistryAuth(bad); } catch (e) { err = e; }
      expect(err).toBeInstanceOf(EngineError);
      expect(errorStatus(err)).toBe(400);
      expect((err as Error).message).toMatch(/^invalid X-Registry-Auth header: /);
    }
  });
});

describe('POST /images/create and streams', () => {
  it('fromImage + tag (a tag or a digest); no tag = every tag', () => {
    expect(pullTarget('docker.io/library/busybox', 'latest')).toEqual({ ref: 'docker.io/library/busybox:latest', allTags: false });
    expect(pullTarget('127.0.0.1:5000/a/b', 'v1')).toEqual({ ref: '127.0.0.1:5000/a/b:v1', allTags: false });
    const dg = `sha256:${'c'.repeat(64)}`;
    expect(pullTarget('busybox', dg)).toEqual({ ref: `docker.io/library/busybox@${dg}`, allTags: false });
    expect(pullTarget('busybox:1.36', null)).toEqual({ ref: 'docker.io/library/busybox:1.36', allTags: false });
    expect(pullTarget('busybox', null)).toEqual({ ref: 'docker.io/library/busybox', allTags: true });
    expect(() => pullTarget('Busybox', 'x')).toThrow(/must be lowercase/);
  });

  it('a registry 401 before the stream becomes a 500 (the docker CLI would prompt on 401)', () => {
    const e = streamError(new EngineError('UNAUTHENTICATED', 'no basic auth credentials'));
    expect(errorStatus(e)).toBe(500);
    expect((e as Error).message).toBe('no basic auth credentials');
    const nf = new EngineError('NOT_FOUND', 'x');
    expect(streamError(nf)).toBe(nf);
  });
});

describe('POST /commit body', () => {
  it('the image fields of a container config become change instructions', () => {
    expect(configChanges(undefined)).toEqual([]);
    expect(configChanges({
      Env: ['A=1', 'B=x y'], Labels: { l: 'v' }, ExposedPorts: { '80/tcp': {} }, Volumes: { '/data': {} },
      User: 'nobody', WorkingDir: '/w', StopSignal: 'SIGINT', Entrypoint: ['/bin/sh', '-c'], Cmd: ['echo hi'], Hostname: 'ignored',
    })).toEqual([
      'ENV "A"="1"', 'ENV "B"="x y"', 'LABEL "l"="v"', 'EXPOSE 80/tcp', 'VOLUME ["/data"]', 'USER nobody', 'WORKDIR /w',
      'STOPSIGNAL SIGINT', 'ENTRYPOINT ["/bin/sh","-c"]', 'CMD ["echo hi"]',
    ]);
    expect(() => configChanges('nope')).toThrow('invalid container config');
  });
});
