/** HEALTHCHECK rules from dockerd: probe argv, merge, validation, state transitions, Go durations. */
import { describe, expect, it } from 'vitest';
import {
  applyProbeResult, goDuration, initialHealth, mergeHealthcheck, probeArgv, validateHealthcheck,
} from '../../../src/container/health-config.js';
import { mergeImageConfig } from '../../../src/container/create.js';

const started = '2026-01-01T00:00:00.000Z';
const at = (ms: number, code: number) => ({ Start: new Date(Date.parse(started) + ms).toISOString(), End: new Date(Date.parse(started) + ms + 5).toISOString(), ExitCode: code, Output: '' });

describe('probe argv', () => {
  it('CMD runs its args; CMD-SHELL goes through the shell (the container\'s SHELL when set)', () => {
    expect(probeArgv({ Test: ['CMD', 'curl', '-f', 'x'] })).toEqual(['curl', '-f', 'x']);
    expect(probeArgv({ Test: ['CMD-SHELL', 'test -f /ok'] })).toEqual(['/bin/sh', '-c', 'test -f /ok']);
    expect(probeArgv({ Test: ['CMD-SHELL', 'x'] }, ['/bin/bash', '-ec'])).toEqual(['/bin/bash', '-ec', 'x']);
    expect(() => probeArgv({ Test: ['WAT', 'x'] })).toThrow(/unknown healthcheck type/);
  });
});

describe('merge and validation', () => {
  it('user fields win one by one; unset ones come from the image', () => {
    expect(mergeHealthcheck({ Retries: 7 }, { Test: ['CMD', 'true'], Interval: 5e9, Retries: 2 })).toEqual({
      Test: ['CMD', 'true'], Interval: 5e9, Timeout: undefined, StartPeriod: undefined, StartInterval: undefined, Retries: 7,
    });
    expect(mergeHealthcheck({ Test: ['NONE'] }, { Test: ['CMD', 'true'] })?.Test).toEqual(['NONE']);
    expect(mergeHealthcheck(undefined, { Test: ['CMD', 'true'] })).toEqual({ Test: ['CMD', 'true'] });
    const merged = mergeImageConfig({ Image: 'x', Healthcheck: { Timeout: 1e9 } }, { config: { Healthcheck: { Test: ['CMD', 'ok'] } } } as never);
    expect(merged.Healthcheck).toMatchObject({ Test: ['CMD', 'ok'], Timeout: 1e9 });
    expect(mergeImageConfig({ Image: 'x' }, { config: {} } as never)).not.toHaveProperty('Healthcheck');
  });

  it('dockerd\'s limits: durations of at least 1ms, retries not negative', () => {
    expect(() => validateHealthcheck({ Interval: 10 })).toThrow('Interval in Healthcheck cannot be less than 1ms');
    expect(() => validateHealthcheck({ StartPeriod: 999_999 })).toThrow('StartPeriod in Healthcheck cannot be less than 1ms');
    expect(() => validateHealthcheck({ Retries: -1 })).toThrow('Retries in Healthcheck cannot be negative');
    expect(() => validateHealthcheck({ Interval: 0, Timeout: 1e6, Retries: 0 })).not.toThrow();
  });
});

describe('applyProbeResult', () => {
  const hc = { Test: ['CMD', 'x'], Retries: 2 };
  it('a success is healthy and resets the streak; retries failures in a row make it unhealthy', () => {
    let h = applyProbeResult(initialHealth(), hc, at(0, 1), started);
    expect(h).toMatchObject({ Status: 'starting', FailingStreak: 1 });
    h = applyProbeResult(h, hc, at(10, 1), started);
    expect(h).toMatchObject({ Status: 'unhealthy', FailingStreak: 2 });
    h = applyProbeResult(h, hc, at(20, 0), started);
    expect(h).toMatchObject({ Status: 'healthy', FailingStreak: 0 });
    h = applyProbeResult(h, hc, at(30, 1), started);
    expect(h).toMatchObject({ Status: 'healthy', FailingStreak: 1 }); // still healthy until retries is reached
  });

  it('failures inside the start period do not count while starting', () => {
    const withStart = { ...hc, StartPeriod: 2e9 };
    let h = applyProbeResult(initialHealth(), withStart, at(1000, 1), started);
    expect(h).toMatchObject({ Status: 'starting', FailingStreak: 0 });
    h = applyProbeResult(h, withStart, at(2500, 1), started);
    expect(h).toMatchObject({ Status: 'starting', FailingStreak: 1 });
  });

  it('keeps the last five results and does not change its input', () => {
    const first = initialHealth();
    let h = first;
    for (let i = 0; i < 7; i++) h = applyProbeResult(h, hc, at(i, i), started);
    expect(h.Log.map((l) => l.ExitCode)).toEqual([2, 3, 4, 5, 6]);
    expect(first.Log).toEqual([]);
  });
});

it('goDuration prints as Go\'s time.Duration', () => {
  expect(goDuration(30e9)).toBe('30s');
  expect(goDuration(500e6)).toBe('500ms');
  expect(goDuration(1.5e9)).toBe('1.5s');
  expect(goDuration(90e9)).toBe('1m30s');
  expect(goDuration(3600e9)).toBe('1h0m0s');
  expect(goDuration(0)).toBe('0s');
});
