/** goTime's zone abbreviation: one cached Intl formatter per TZ, rebuilt when TZ changes. */
import { afterEach, describe, expect, it } from 'vitest';
import { goTime } from '../../../src/cli/format/index.js';

const saved = process.env.TZ;
afterEach(() => {
  if (saved === undefined) delete process.env.TZ;
  else process.env.TZ = saved;
});

describe('goTime zone names', () => {
  it('follow TZ changes within one process (the cached formatter is per zone)', () => {
    const winter = Date.UTC(2024, 0, 2, 3, 4, 5);
    process.env.TZ = 'America/New_York';
    expect(goTime(winter)).toBe('2024-01-01 22:04:05 -0500 EST');
    expect(goTime(winter + 1000)).toBe('2024-01-01 22:04:06 -0500 EST');
    process.env.TZ = 'Asia/Kolkata';
    expect(goTime(winter)).toBe('2024-01-02 08:34:05 +0530 +0530');
    process.env.TZ = 'UTC';
    expect(goTime(winter)).toBe('2024-01-02 03:04:05 +0000 UTC');
  });
});
