import { describe, expect, it } from 'vitest';
import { familiarString, formatReference, parseReference } from '../../../src/oci/reference.js';

describe('parseReference (docker normalisation)', () => {
  it.each([
    ['busybox', 'docker.io/library/busybox:latest', 'busybox:latest'],
    ['busybox:1.36', 'docker.io/library/busybox:1.36', 'busybox:1.36'],
    ['user/app', 'docker.io/user/app:latest', 'user/app:latest'],
    ['index.docker.io/library/busybox', 'docker.io/library/busybox:latest', 'busybox:latest'],
    ['127.0.0.1:5000/project/app:1.0', '127.0.0.1:5000/project/app:1.0', '127.0.0.1:5000/project/app:1.0'],
    ['localhost/app', 'localhost/app:latest', 'localhost/app:latest'],
    ['registry.example.com/a/b/c:v', 'registry.example.com/a/b/c:v', 'registry.example.com/a/b/c:v'],
  ])('%s → %s', (input, canonical, familiar) => {
    const ref = parseReference(input);
    expect(formatReference(ref)).toBe(canonical);
    expect(familiarString(ref)).toBe(familiar);
  });

  it('keeps digests and adds no tag to them', () => {
    const d = 'sha256:' + 'a'.repeat(64);
    const ref = parseReference(`busybox@${d}`);
    expect(ref.tag).toBeUndefined();
    expect(formatReference(ref)).toBe(`docker.io/library/busybox@${d}`);
  });

  it.each([
    ['Busybox:Latest', 'invalid reference format: repository name (library/Busybox) must be lowercase'],
    ['busybox:', 'invalid reference format'],
    ['-bad', 'invalid reference format'],
    ['a'.repeat(64), `invalid repository name (${'a'.repeat(64)}), cannot specify 64-byte hexadecimal strings`],
    ['', 'invalid reference format'],
    ['busybox@sha256:abc', 'invalid reference format'],
  ])('rejects %j with docker\'s message', (input, message) => {
    expect(() => parseReference(input)).toThrow(message);
  });
});
