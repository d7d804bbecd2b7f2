/** Shared data for the format tests: a docker-inspect-like container object. */
import { asMap } from '../../../src/cli/format/index.js';
import { isEngineError } from '../../../src/lib/errors.js';
import { expect } from 'vitest';

export const labels = asMap({ 'com.example.vendor': 'ACME', env: 'prod' } as Record<string, string>);

export const container = {
  ID: 'abc123def456',
  Names: ['web', 'api'],
  Image: 'nginx:latest',
  Args: ['-g', 'daemon off;'],
  Ports: [] as string[],
  Running: true,
  Empty: '',
  Zero: 0,
  None: null,
  Ratio: 1.5,
  Labels: labels,
  Env: new Map([
    ['B', '2'],
    ['A', '1'],
  ]),
  EmptyMap: asMap({}),
  Config: { Image: 'nginx', Cmd: ['nginx'], Labels: asMap({ a: 'x<y>&z' }), Healthcheck: null },
  State: { Status: 'running', Pid: 42 },
  Mounts: [
    { Source: '/a', Destination: '/b' },
    { Source: '/c', Destination: '/d' },
  ],
  /** A Go-style method: `{{.Label "env"}}`. */
  Label(key: string): string {
    return labels[key] ?? '';
  },
  Boom(): never {
    throw new Error('kaput');
  },
};

/** The error must be an EngineError INVALID_ARGUMENT whose message matches. */
export function expectInvalid(fn: () => unknown, re: RegExp): void {
  let err: unknown;
  try {
    fn();
  } catch (e) {
    err = e;
  }
  expect(err, 'expected a throw').toBeDefined();
  expect(isEngineError(err, 'INVALID_ARGUMENT'), String(err)).toBe(true);
  expect((err as Error).message).toMatch(re);
}
