import { describe, expect, it } from 'vitest';
import { PatternMatcher, parseDockerignore } from '../../../src/build/context/index.js';

// Cases follow moby/patternmatcher's tests (TestMatches, filepath.Match cases, exclusions).
const single: [string, string, boolean][] = [
  ['**', 'file', true], ['**', 'file/', true], ['**/', 'file', true], ['**/', 'file/', true], ['**', '/', true],
  ['**/', '/', true], ['**', 'dir/file', true], ['**/', 'dir/file', true], ['**', 'dir/file/', true],
  ['**/', 'dir/file/', true], ['**/**', 'dir/file', true], ['**/**', 'dir/file/', true], ['dir/**', 'dir/file', true],
  ['dir/**', 'dir/file/', true], ['dir/**', 'dir/dir2/file', true], ['dir/**', 'dir/dir2/file/', true],
  ['**/dir', 'dir', true], ['**/dir', 'dir/file', true], ['**/dir2/*', 'dir/dir2/file', true],
  ['**/dir2/*', 'dir/dir2/file/', true], ['**/dir2/**', 'dir/dir2/dir3/file', true],
  ['**/dir2/**', 'dir/dir2/dir3/file/', true], ['**file', 'file', true], ['**file', 'dir/file', true],
  ['**/file', 'dir/file', true], ['**file', 'dir/dir/file', true], ['**/file', 'dir/dir/file', true],
  ['**/file*', 'dir/dir/file', true], ['**/file*', 'dir/dir/file.txt', true], ['**/file*txt', 'dir/dir/file.txt', true],
  ['**/file*.txt', 'dir/dir/file.txt', true], ['**/file*.txt*', 'dir/dir/file.txt', true],
  ['**/**/*.txt', 'dir/dir/file.txt', true], ['**/**/*.txt2', 'dir/dir/file.txt', false], ['**/*.txt', 'file.txt', true],
  ['**/**/*.txt', 'file.txt', true], ['a**/*.txt', 'a/file.txt', true], ['a**/*.txt', 'a/dir/file.txt', true],
  ['a**/*.txt', 'a/dir/dir/file.txt', true], ['a/*.txt', 'a/dir/file.txt', false], ['a/*.txt', 'a/file.txt', true],
  ['a/*.txt**', 'a/file.txt', true], ['a[b-d]e', 'ae', false], ['a[b-d]e', 'ace', true], ['a[b-d]e', 'aae', false],
  ['a[^b-d]e', 'aze', true], ['.*', '.foo', true], ['.*', 'foo', false], ['abc.def', 'abcdef', false],
  ['abc.def', 'abc.def', true], ['abc.def', 'abcZdef', false], ['abc?def', 'abcZdef', true], ['abc?def', 'abcdef', false],
  ['a\\\\', 'a\\', true], ['**/foo/bar', 'foo/bar', true], ['**/foo/bar', 'dir/foo/bar', true],
  ['**/foo/bar', 'dir/dir2/foo/bar', true], ['abc/**', 'abc', false], ['abc/**', 'abc/def', true],
  ['abc/**', 'abc/def/ghi', true], ['**/.foo', '.foo', true], ['**/.foo', 'bar.foo', false],
  ['a(b)c/def', 'a(b)c/def', true], ['a(b)c/def', 'a(b)c/xyz', false], ['a.|)$(}+{bc', 'a.|)$(}+{bc', true],
  ['dist/*.whl', 'dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl', true], ['a\\*b', 'a*b', true],
  // filepath.Match cases
  ['abc', 'abc', true], ['*', 'abc', true], ['*c', 'abc', true], ['a*', 'a', true], ['a*', 'ab/c', true],
  ['a*/b', 'abc/b', true], ['a*/b', 'a/c/b', false], ['a*b*c*d*e*/f', 'axbxcxdxe/f', true],
  ['a*b*c*d*e*/f', 'axbxcxdxe/xxx/f', false], ['a*b?c*x', 'abxbbxdbxebxczzx', true], ['a*b?c*x', 'abxbbxdbxebxczzy', false],
  ['ab[c]', 'abc', true], ['ab[^c]', 'abc', false], ['ab[^e-g]', 'abc', true], ['a\\*b', 'ab', false], ['a?b', 'a☺b', true],
  ['a[^a]b', 'a☺b', true], ['a???b', 'a☺b', false], ['[a-ζ]*', 'α', true], ['*[a-ζ]', 'A', false], ['a?b', 'a/b', false],
  ['a*b', 'a/b', false], ['[\\]a]', ']', true], ['[\\-]', '-', true], ['[x\\-]', 'x', true], ['[x\\-]', '-', true],
  ['[x\\-]', 'z', false], ['[\\-x]', '-', true], ['*x', 'xxx', true], ['a]b', 'a]b', true], ['a\\#b', 'a#b', true],
];

describe('PatternMatcher.matchesOrParentMatches (moby cases)', () => {
  it.each(single)('%s vs %s → %s', (pattern, text, want) => {
    expect(new PatternMatcher([pattern]).matchesOrParentMatches(text)).toBe(want);
  });

  it.each<[string[], string, boolean]>([
    [['**', '!util/docker/web'], 'util/docker/web/foo', false],
    [['**', '!util/docker/web', 'util/docker/web/foo'], 'util/docker/web/foo', true],
    [['**', '!dist/*.whl'], 'dist/proxy.py-2.4.0rc3.dev36+g08acad9-py3-none-any.whl', false],
    [['*.go'], 'fileutils.go', true],
    [['!fileutils.go', '*.go'], 'fileutils.go', true],
    [['*.go', '!fileutils.go'], 'fileutils.go', false],
    [['docs', '!docs/README.md'], 'docs/README.md', false],
    [['docs/', '!docs/README.md'], 'docs/README.md', false],
    [['docs/*', '!docs/README.md'], 'docs/README.md', false],
    [['docs', '!docs/README.md'], 'docs/other.md', true],
    [['node_modules'], 'node_modules/a/b/index.js', true],
    // The leading slash is dropped by the ignore-file reader, not by the matcher.
    [parseDockerignore('/build/'), 'build/x', true],
    [['/build/'], 'build/x', false],
    [[], 'anything', false],
  ])('%j vs %s → %s', (patterns, text, want) => {
    expect(new PatternMatcher(patterns).matchesOrParentMatches(text)).toBe(want);
  });

  it('rejects malformed patterns as filepath.Match would', () => {
    for (const p of ['[', '[^', '[^bc', 'a[', '[]a]', '[-]', '[x-]', '[-x]', '[a-b-c]', '\\']) {
      expect(() => new PatternMatcher([p]), p).toThrow('syntax error in pattern');
    }
    expect(() => new PatternMatcher(['!'])).toThrow('illegal exclusion pattern: "!"');
  });

  it('cleans patterns, trims them and records exclusions', () => {
    const pm = new PatternMatcher(['docs/../config/', '  !docs/README.md  ', '', './a//b']);
    expect(pm.patterns.map((p) => [p.toString(), p.exclusion])).toEqual([['config', false], ['docs/README.md', true], ['a/b', false]]);
    expect(pm.exclusions).toBe(true);
    expect(new PatternMatcher(['docs']).exclusions).toBe(false);
  });

  it('fails every match of a pattern its regexp cannot express, after construction succeeds', () => {
    const pm = new PatternMatcher(['[Local-Only]/']);
    expect(() => pm.matchesOrParentMatches('x')).toThrow('syntax error in pattern');
    expect(() => pm.matchesOrParentMatches('x')).toThrow('syntax error in pattern');
  });

  it('agrees with the parent-results walk and keeps the legacy single-parent check', () => {
    const pm = new PatternMatcher(['a/b', '!a/b/keep', 'x/*/z']);
    const [dirMatched, info] = pm.matchesUsingParentResults('a/b');
    expect(dirMatched).toBe(true);
    expect(pm.matchesUsingParentResults('a/b/c', info)[0]).toBe(true);
    expect(pm.matchesUsingParentResults('a/b/keep', info)[0]).toBe(false);
    expect(pm.matchesOrParentMatches('x/y/z/deep/file')).toBe(true);
    // The deprecated Matches only checks the parent at the pattern's own depth.
    expect(new PatternMatcher(['a']).legacyMatches('a/b/c')).toBe(true);
    expect(new PatternMatcher(['a/b']).legacyMatches('a/b/c/d')).toBe(true);
    expect(new PatternMatcher(['*/b']).legacyMatches('x/y/b/c')).toBe(false);
    expect(new PatternMatcher(['*/b']).matchesOrParentMatches('x/y/b/c')).toBe(false);
    expect(new PatternMatcher(['**/b']).legacyMatches('x/y/b/c')).toBe(false);
    expect(new PatternMatcher(['**/b']).matchesOrParentMatches('x/y/b/c')).toBe(true);
    expect(new PatternMatcher(['*']).legacyMatches('.')).toBe(false);
  });
});

describe('parseDockerignore (ignorefile.ReadAll)', () => {
  it('reads patterns the way moby does', () => {
    const text = '\uFEFF# comment\n  # not a comment: a pattern\nnode_modules\r\n\n  *.log  \n!  keep/important.log\n/build/\n!/dist/app\n./a/../b//c/\n/\n!\n';
    expect(parseDockerignore(text)).toEqual([
      '# not a comment: a pattern', 'node_modules', '*.log', '!keep/important.log', 'build', '!dist/app', 'b/c', '/', '!',
    ]);
  });

  it('handles an empty file and a missing final newline', () => {
    expect(parseDockerignore('')).toEqual([]);
    expect(parseDockerignore('a\nb')).toEqual(['a', 'b']);
  });
});
