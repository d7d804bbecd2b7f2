/** Entry-name rules (engine-anchors §5.3 items 1 and 7), without a filesystem. */
import { describe, expect, it } from 'vitest';
import { classifyPath, cleanPath } from '../../../src/image/layer/entry-path.js';

const code = (fn: () => unknown) => {
  try { fn(); } catch (e) { return (e as { code?: string }).code; }
  return 'ok';
};

describe('cleanPath', () => {
  it.each([
    ['a/b', 'a/b'], ['./a//b/', 'a/b'], ['/etc/passwd', 'etc/passwd'], ['//x', 'x'], ['a/../b', 'b'],
    ['./', ''], ['/', ''], ['.', ''], ['a/..', ''],
  ])('%j → %j', (name, rel) => expect(cleanPath(name)).toBe(rel));

  it.each(['..', '../x', '/../x', 'a/../../x', './../x', '', 'a\0b'])('%j is refused', (name) => {
    expect(code(() => cleanPath(name))).toBe('INVALID_ARGUMENT');
  });

  it('refuses over-long paths and components', () => {
    expect(code(() => cleanPath('a'.repeat(256)))).toBe('INVALID_ARGUMENT');
    expect(code(() => cleanPath(('d'.repeat(200) + '/').repeat(21)))).toBe('INVALID_ARGUMENT');
    expect(cleanPath('a'.repeat(255))).toHaveLength(255);
  });
});

describe('classifyPath', () => {
  it('whiteouts name their target in the same directory', () => {
    expect(classifyPath('etc/.wh.passwd', 'x')).toEqual({ kind: 'whiteout', target: 'etc/passwd' });
    expect(classifyPath('.wh.tmp', 'x')).toEqual({ kind: 'whiteout', target: 'tmp' });
    expect(classifyPath('.wh....', 'x')).toEqual({ kind: 'whiteout', target: '...' });
  });

  it('opaque markers name their directory, the root included', () => {
    expect(classifyPath('a/b/.wh..wh..opq', 'x')).toEqual({ kind: 'opaque', dir: 'a/b' });
    expect(classifyPath('.wh..wh..opq', 'x')).toEqual({ kind: 'opaque', dir: '' });
  });

  it('other .wh..wh.* names, and anything beneath them, are AUFS metadata', () => {
    for (const p of ['.wh..wh.plnk', '.wh..wh.plnk/1.2', '.wh..wh.aufs', 'a/.wh..wh.orph/x', '.wh..wh.plnk/.wh..wh..opq']) {
      expect(classifyPath(p, 'x')).toEqual({ kind: 'meta' });
    }
  });

  it.each(['.wh.', 'a/.wh.', '.wh..', 'a/.wh..', '.wh...'])('%j is an invalid whiteout', (p) => {
    expect(code(() => classifyPath(p, p))).toBe('INVALID_ARGUMENT');
  });

  it('plain names stay plain, a .wh. directory component included (as dockerd)', () => {
    expect(classifyPath('a/b', 'x')).toEqual({ kind: 'plain' });
    expect(classifyPath('a/.wh.b/c', 'x')).toEqual({ kind: 'plain' });
  });
});
