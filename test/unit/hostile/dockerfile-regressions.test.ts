/** Findings of the Dockerfile fuzzer (dockerfile-fuzz.test.ts), pinned so they stay fixed. */
import { describe, expect, it } from 'vitest';
import { verdict } from './dockerfile-check.js';

describe('Dockerfile fuzz findings', () => {
  it('bounds ARG chains that double (exponential expansion) with a located error', () => {
    const chain = Array.from({ length: 40 }, (_, i) => `ARG A${i + 1}=\${A${i}}\${A${i}}`).join('\n');
    for (const text of [`ARG A0=xx\n${chain}\nFROM a\n`, `FROM a\nARG A0=xx\n${chain}\n`]) {
      const t0 = performance.now();
      const v = verdict(text);
      expect(performance.now() - t0).toBeLessThan(5_000);
      expect(v.outcome).toBe('rejected');
      expect(v.message).toMatch(/^Dockerfile:\d+:1: failed to process "\$\{A\d+\}\$\{A\d+\}": expanded value is longer than 1048576 characters$/);
    }
  }, 30_000);

  it('locates errors in the default of an ARG before the first FROM', () => {
    expect(verdict('ARG A=1\nARG B=${A:\u00e9+set}\nFROM a\n')).toMatchObject({
      outcome: 'rejected', message: expect.stringMatching(/^Dockerfile:2:1: failed to process .*unsupported modifier/),
    });
  });

  it('bounds `${…}` nesting: thousands of `${A:-${A:-…` in a heredoc line fail fast, located', () => {
    const deep = '${A:-'.repeat(50_000) + 'v' + '}'.repeat(50_000);
    const t0 = performance.now();
    const v = verdict(`FROM a\nCOPY <<one.ENV X=${deep}\nx\n`);
    expect(performance.now() - t0).toBeLessThan(5_000);
    expect(v.outcome).toBe('rejected');
    expect(verdict(`FROM a\nENV X=${deep}\n`).message).toMatch(/^Dockerfile:2:1: failed to process ".*": variable substitutions nested deeper than 200$/);
    // real nesting still works
    expect(verdict(`FROM a\nENV X=${'${A:-'.repeat(100)}v${'}'.repeat(100)}\n`).outcome).toBe('parsed');
  }, 30_000);

  it('refuses `ONBUILD ONBUILD …` chains in linear time', () => {
    const t0 = performance.now();
    const v = verdict(`FROM a\n${'ONBUILD '.repeat(20_000)}RUN x\n`);
    expect(performance.now() - t0).toBeLessThan(3_000);
    expect(v.message).toBe('Dockerfile:2:1: Chaining ONBUILD via `ONBUILD ONBUILD` isn\'t allowed');
  }, 30_000);
});
