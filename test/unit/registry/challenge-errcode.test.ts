/** WWW-Authenticate parsing and registry error bodies read as docker's distribution client reads them. */
import { describe, expect, it } from 'vitest';
import { parseChallenges } from '../../../src/registry/auth/challenge.js';
import { registryError } from '../../../src/registry/errcode.js';

describe('parseChallenges', () => {
  it('reads a bearer challenge with quoted, comma-separated params', () => {
    expect(parseChallenges('Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:samalba/my-app:pull,push"')).toEqual([
      { scheme: 'bearer', params: { realm: 'https://auth.docker.io/token', service: 'registry.docker.io', scope: 'repository:samalba/my-app:pull,push' } },
    ]);
  });

  it('reads several challenges in one header and across headers, with escapes and bare tokens', () => {
    expect(parseChallenges(['Basic realm="a \\"quoted\\" realm", Bearer realm=https://x/token, error=insufficient_scope', 'Digest nonce="n"'])).toEqual([
      { scheme: 'basic', params: { realm: 'a "quoted" realm' } },
      { scheme: 'bearer', params: { realm: 'https://x/token', error: 'insufficient_scope' } },
      { scheme: 'digest', params: { nonce: 'n' } },
    ]);
    expect(parseChallenges(undefined)).toEqual([]);
  });
});

describe('registryError', () => {
  const body = (o: unknown) => Buffer.from(JSON.stringify(o));

  it('uses the first error of the body: "<code in words>: <message>" with a typed code', () => {
    const e = registryError(404, body({ errors: [{ code: 'MANIFEST_UNKNOWN', message: 'manifest unknown' }, { code: 'X' }] }));
    expect(e.message).toBe('manifest unknown: manifest unknown');
    expect(e.code).toBe('NOT_FOUND');
    expect(e.detail?.registryCode).toBe('MANIFEST_UNKNOWN');
    expect(registryError(403, body({ errors: [{ code: 'DENIED', message: 'requested access to the resource is denied' }] })).code).toBe('PERMISSION_DENIED');
  });

  it('reads Docker Hub\'s token server {"details"} and bare 401s as unauthorized', () => {
    expect(registryError(401, body({ details: 'incorrect username or password' })).message).toBe('unauthorized: incorrect username or password');
    expect(registryError(401, Buffer.from('nope')).message).toBe('unauthorized: authentication required');
    expect(registryError(401, Buffer.alloc(0)).code).toBe('UNAUTHENTICATED');
  });

  it('prefers the OAuth error in a bearer challenge', () => {
    const e = registryError(401, Buffer.alloc(0), 'Bearer realm="x",error="invalid_token",error_description="token expired"');
    expect(e.message).toBe('unauthorized: token expired');
    expect(registryError(403, Buffer.alloc(0), 'Bearer realm="x",error="insufficient_scope"').message).toBe('denied: requested access to the resource is denied');
  });

  it('reports unparseable 4xx bodies and 5xx statuses as docker does; 5xx and 429 may be retried', () => {
    expect(registryError(404, Buffer.alloc(0)).message).toBe('error parsing HTTP 404 response body: unexpected end of JSON input: ""');
    const e = registryError(503, Buffer.from('down'));
    expect(e.message).toBe('received unexpected HTTP status: 503 Service Unavailable');
    expect(e.code).toBe('UNAVAILABLE');
    expect(e.detail?.retryable).toBe(true);
  });
});
