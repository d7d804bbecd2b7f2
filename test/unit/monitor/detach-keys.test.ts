import { describe, expect, it } from 'vitest';
import { DetachKeyMatcher, parseDetachKeys, DEFAULT_DETACH_KEYS } from '../../../src/runtime/monitor/detach-keys.js';
import { isEngineError } from '../../../src/lib/errors.js';

describe('parseDetachKeys', () => {
  it('parses docker syntax', () => {
    expect([...parseDetachKeys(DEFAULT_DETACH_KEYS)]).toEqual([16, 17]);
    expect([...parseDetachKeys('ctrl-@,ctrl-a,ctrl-z,ctrl-[,ctrl-\\,ctrl-],ctrl-^,ctrl-_')]).toEqual([0, 1, 26, 27, 28, 29, 30, 31]);
    expect([...parseDetachKeys('a,Z,DEL')]).toEqual([97, 90, 127]);
    expect(parseDetachKeys('').length).toBe(0);
  });

  it('rejects unknown keys as INVALID_ARGUMENT', () => {
    for (const bad of ['ctrl-', 'ctrl-1', 'ctrl-A', 'abc', 'a,,b', 'alt-x']) {
      let err: unknown;
      try { parseDetachKeys(bad); } catch (e) { err = e; }
      expect(isEngineError(err, 'INVALID_ARGUMENT')).toBe(true);
    }
  });
});

describe('DetachKeyMatcher', () => {
  const keys = parseDetachKeys('ctrl-p,ctrl-q');
  const b = (...x: number[]) => Buffer.from(x);

  it('detaches on the sequence across chunks and swallows it', () => {
    const m = new DetachKeyMatcher(keys);
    expect(m.push(b(97, 16))).toEqual({ forward: b(97), detached: false });
    expect(m.push(b(17, 98))).toEqual({ forward: b(), detached: true });
  });

  it('detaches inside one chunk', () => {
    expect(new DetachKeyMatcher(keys).push(b(120, 16, 17, 121))).toEqual({ forward: b(120), detached: true });
  });

  it('releases held bytes on a mismatch, including a restart of the sequence', () => {
    const m = new DetachKeyMatcher(keys);
    expect(m.push(b(16))).toEqual({ forward: b(), detached: false });
    expect(m.push(b(120))).toEqual({ forward: b(16, 120), detached: false });
    expect(m.push(b(16, 16, 17))).toEqual({ forward: b(16), detached: true });
  });

  it('flushes a dangling prefix at end of input', () => {
    const m = new DetachKeyMatcher(keys);
    m.push(b(16));
    expect(m.flush()).toEqual(b(16));
  });

  it('passes everything through without keys', () => {
    expect(new DetachKeyMatcher(Buffer.alloc(0)).push(b(16, 17))).toEqual({ forward: b(16, 17), detached: false });
  });
});
