import { describe, expect, it } from 'vitest';
import { errorStatus, frame, parseUrl } from '../../../src/api/server/index.js';
import { EngineError } from '../../../src/lib/errors.js';

describe('api server helpers', () => {
  it('maps engine error codes once to docker statuses', () => {
    expect(errorStatus(new EngineError('NOT_FOUND', 'x'))).toBe(404);
    expect(errorStatus(new EngineError('CONFLICT', 'x'))).toBe(409);
    expect(errorStatus(new EngineError('ALREADY_EXISTS', 'x'))).toBe(409);
    expect(errorStatus(new EngineError('INVALID_ARGUMENT', 'x'))).toBe(400);
    expect(errorStatus(new EngineError('NOT_IMPLEMENTED', 'x'))).toBe(501);
    expect(errorStatus(new EngineError('INTERNAL', 'x'))).toBe(500);
    expect(errorStatus(new Error('plain'))).toBe(500);
    // the CLI bundle's own EngineError class: matched by name and code, not by identity
    const foreign = Object.assign(new Error('No such container: x'), { name: 'EngineError', code: 'NOT_FOUND' });
    expect(errorStatus(foreign)).toBe(404);
  });

  it('strips the /v1.xx prefix and keeps the query', () => {
    expect(parseUrl('/v1.50/containers/json?all=1')).toMatchObject({ path: '/containers/json' });
    expect(parseUrl('/v1.50/containers/json?all=1').q.get('all')).toBe('1');
    expect(parseUrl('/_ping').path).toBe('/_ping');
    expect(parseUrl('/v1.24/images/localhost:5000/a/b/json').path).toBe('/images/localhost:5000/a/b/json');
  });

  it('frames stdcopy payloads with an 8-byte big-endian header', () => {
    expect([...frame(2, Buffer.from('hi'))]).toEqual([2, 0, 0, 0, 0, 0, 0, 2, 104, 105]);
  });
});
