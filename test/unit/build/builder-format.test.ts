/**
 * The builder's pure pieces: Go fmt verbs in `#(nop)` messages, Go's filepath.Match for COPY
 * wildcards, EXPOSE specs, the cache key, docker's tarsum of a context file, and the legacy
 * text stream.
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { goDuration, goHealthConfig, goList, goQuote, goQuoteList, goQuoteRune } from '../../../src/build/go-format.js';
import { containsWildcards, goMatch } from '../../../src/build/glob.js';
import { exposedPorts } from '../../../src/build/ports.js';
import { probeKey } from '../../../src/build/cache-key.js';
import { tarsum, hashStringSlice } from '../../../src/build/tarsum.js';
import { legacyText } from '../../../src/build/legacy-format.js';
import type { StepRef } from '../../../src/build/types.js';

describe('Go formatting', () => {
  it('quotes as strconv.Quote and fmt %q/%v of slices', () => {
    expect(goQuote('a "b" \\ \n\t\x01é')).toBe('"a \\"b\\" \\\\ \\n\\t\\x01é"');
    expect(goQuoteList(['node', 'server.js'])).toBe('["node" "server.js"]');
    expect(goQuoteList(null)).toBe('[]');
    expect(goList(['/data', '/logs'])).toBe('[/data /logs]');
    expect([goQuoteRune(2), goQuoteRune(65), goQuoteRune(39), goQuoteRune(34)]).toEqual(["'\\x02'", "'A'", "'\\''", "'\"'"]);
  });

  it('prints durations as time.Duration.String', () => {
    expect([0, 3, 1500, 1_500_000, 5e8, 30e9, 90e9, 3600e9, 3723.5e9].map(goDuration))
      .toEqual(['0s', '3ns', '1.5µs', '1.5ms', '500ms', '30s', '1m30s', '1h0m0s', '1h2m3.5s']);
  });

  it('prints a HealthConfig as docker v28 does (%q)', () => {
    expect(goHealthConfig({ Test: ['CMD-SHELL', 'curl -f x'], Interval: 30e9, Timeout: 3e9, Retries: 2 }))
      .toBe('&{["CMD-SHELL" "curl -f x"] "30s" "3s" "0s" "0s" \'\\x02\'}');
    expect(goHealthConfig({ Test: ['NONE'] })).toBe('&{["NONE"] "0s" "0s" "0s" "0s" \'\\x00\'}');
  });
});

describe('COPY wildcards', () => {
  it('detects and matches as filepath.Match', () => {
    expect(['*.js', 'a?', 'x[ab]', 'plain', 'esc\\*'].map(containsWildcards)).toEqual([true, true, true, false, false]);
    expect(goMatch('*.js', 'a.js')).toBe(true);
    expect(goMatch('*.js', 'src/a.js')).toBe(false);
    expect(goMatch('src/*', 'src/a.js')).toBe(true);
    expect(goMatch('f[0-9].txt', 'f7.txt')).toBe(true);
    expect(goMatch('f[^0-9].txt', 'f7.txt')).toBe(false);
    expect(goMatch('a?c', 'a/c')).toBe(false);
    expect(goMatch('[', '[')).toBe(false); // a bad pattern matches nothing
  });
});

describe('EXPOSE', () => {
  it('expands ranges, defaults to tcp, validates', () => {
    expect(exposedPorts(['80', '53/udp', '8000-8002/TCP', '127.0.0.1:81:80'])).toEqual(['80/tcp', '53/udp', '8000/tcp', '8001/tcp', '8002/tcp', '80/tcp']);
    expect(() => exposedPorts(['80/icmp'])).toThrow('invalid proto: icmp');
    expect(() => exposedPorts(['x'])).toThrow('invalid containerPort: x');
  });
});

describe('cache key', () => {
  it('compares maps as sets and everything else in order', () => {
    const a = probeKey('sha256:p', { Cmd: ['a'], Labels: { x: '1', y: '2' }, ExposedPorts: { '80/tcp': {} } }, 'linux/amd64');
    const b = probeKey('sha256:p', { Cmd: ['a'], Labels: { y: '2', x: '1' }, ExposedPorts: { '80/tcp': {} }, Entrypoint: null }, 'linux/amd64');
    expect(a).toBe(b);
    expect(probeKey('sha256:q', { Cmd: ['a'] }, 'linux/amd64')).not.toBe(probeKey('sha256:p', { Cmd: ['a'] }, 'linux/amd64'));
    expect(probeKey('sha256:p', { Cmd: ['a'], Env: ['A=1', 'B=2'] }, 'x')).not.toBe(probeKey('sha256:p', { Cmd: ['a'], Env: ['B=2', 'A=1'] }, 'x'));
  });
});

describe('tarsum', () => {
  it('hashes a context file as docker does (mtime and owner left out)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'berth-tarsum-'));
    try {
      const p = join(dir, 'file1');
      writeFileSync(p, 'hello\n');
      chmodSync(p, 0o644);
      // the checksum docker's legacy builder printed for `COPY file1 /f/` of this very file
      expect(tarsum({ name: 'file1', abs: p, st: statSync(p), zeroOwner: true })).toBe('cea62ea4475081555bb6eb076fea9ab1df43a54720fe9a18cd83c910ce3683e6');
      expect(hashStringSlice('dir', ['b', 'a'])).toMatch(/^dir:[0-9a-f]{64}$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('legacy text', () => {
  const ref: StepRef = { step: 2, total: 3, stage: 'stage-0', stageStep: 2, stageSteps: 3 };
  it('renders docker\'s lines, explanations only when asked', () => {
    const events = [
      { type: 'step', ref, text: 'RUN make' }, { type: 'miss', ref, reason: 'file changed: a' }, { type: 'container', ref, id: 'abcdef0123456789' },
      { type: 'output', ref, stream: 'stdout', data: 'out\n' }, { type: 'container-removed', ref, id: 'abcdef0123456789' },
      { type: 'step-done', ref, imageId: 'sha256:0123456789abcdef', cached: false, durationMs: 5 },
      { type: 'built', imageId: 'sha256:0123456789abcdef' }, { type: 'tagged', reference: 'app:latest' },
    ] as const;
    expect(events.map((e) => legacyText(e, { explain: true })).join('')).toBe('Step 2/3 : RUN make\n ---> Cache miss: file changed: a\n'
      + ' ---> Running in abcdef012345\nout\n ---> Removed intermediate container abcdef012345\n ---> 0123456789ab\n'
      + 'Successfully built 0123456789ab\nSuccessfully tagged app:latest\n');
    expect(legacyText(events[1])).toBe('');
    expect(legacyText({ type: 'cached', ref })).toBe(' ---> Using cache\n');
    expect(legacyText({ type: 'triggers', ref, count: 2 })).toBe('# Executing 2 build triggers\n');
  });
});
