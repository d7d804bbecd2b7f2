import { expect, it } from 'vitest';
import { resolvConfContent } from '../../../src/container/etc-files.js';

it('drops loopback nameservers and falls back to Google DNS when none remain, as docker', () => {
  expect(resolvConfContent('search lan\nnameserver 127.0.0.53\nnameserver 10.0.0.1\n')).toBe('search lan\nnameserver 10.0.0.1\n');
  expect(resolvConfContent('nameserver 127.0.0.53\n')).toBe('nameserver 8.8.8.8\nnameserver 8.8.4.4\n');
  expect(resolvConfContent('nameserver ::1\noptions edns0\n')).toBe('options edns0\nnameserver 8.8.8.8\nnameserver 8.8.4.4\n');
});
