import { describe, expect, it } from 'vitest';
import { parseCreateBody } from '../../../src/api/server/create-body.js';

describe('POST /containers/create body checks', () => {
  it('splits config and host config; null means unset; unknown fields pass', () => {
    const r = parseCreateBody({ Image: 'busybox', Cmd: null, Entrypoint: 'sh', Whatever: 1, HostConfig: { Binds: ['/a:/b'], PortBindings: { '80/tcp': [{ HostPort: '8080' }], '81/tcp': null } }, NetworkingConfig: {} });
    expect(r.config).toMatchObject({ Image: 'busybox', Cmd: null, Entrypoint: 'sh', Whatever: 1 });
    expect(r.config).not.toHaveProperty('HostConfig');
    expect(r.hostConfig.Binds).toEqual(['/a:/b']);
    expect(parseCreateBody(undefined)).toEqual({ config: {}, hostConfig: {} });
  });

  it('names the ill-typed field in a 400', () => {
    const bad = (b: unknown) => { try { parseCreateBody(b); return ''; } catch (e) { return `${(e as { code: string }).code} ${(e as Error).message}`; } };
    expect(bad([1])).toBe('INVALID_ARGUMENT invalid container config: the body must be a JSON object');
    expect(bad('x')).toMatch(/must be a JSON object/);
    expect(bad({ Cmd: 5 })).toBe('INVALID_ARGUMENT invalid container config: Cmd must be a string or a list of strings');
    expect(bad({ Env: [5, null] })).toMatch(/Env must be a list of strings/);
    expect(bad({ Labels: [] })).toMatch(/Labels must be an object of strings/);
    expect(bad({ HostConfig: 'x' })).toMatch(/HostConfig must be an object/);
    expect(bad({ HostConfig: { Binds: 5 } })).toMatch(/HostConfig\.Binds must be a list of strings/);
    expect(bad({ HostConfig: { PortBindings: { '80/tcp': 'x' } } })).toMatch(/PortBindings\["80\/tcp"\]/);
    expect(bad({ HostConfig: { RestartPolicy: { Name: 1 } } })).toMatch(/RestartPolicy/);
    expect(bad({ HostConfig: { Memory: 'lots' } })).toMatch(/HostConfig\.Memory must be a number/);
  });
});
