import { expect, it } from 'vitest';
import { filterTimeMs } from '../../../src/lib/filter-time.js';

it("reads docker's until/since forms: unix seconds, dates, Go durations back from now", () => {
  const now = Date.parse('2026-01-02T00:00:00Z');
  expect(filterTimeMs('1700000000', 'until', now)).toBe(1700000000_000);
  expect(filterTimeMs('1700000000.5', 'until', now)).toBe(1700000000_500);
  expect(filterTimeMs('2024-01-02T03:04:05Z', 'until', now)).toBe(Date.parse('2024-01-02T03:04:05Z'));
  expect(filterTimeMs('2024-01-02', 'until', now)).toBe(Date.parse('2024-01-02'));
  expect(filterTimeMs('1h', 'until', now)).toBe(now - 3600_000);
  expect(filterTimeMs('1h30m', 'until', now)).toBe(now - 5400_000);
  expect(() => filterTimeMs('soon', 'until', now)).toThrow("invalid filter 'until=soon'");
});
