import { describe, expect, it } from 'vitest';
import { bytesSize, ellipsis, goTime, humanDuration, humanSize, parseDuration, parseSize, parseTimestamp, timeAgo } from '../../../src/cli/format/index.js';
import { expectInvalid } from './fixtures.js';

const KiB = 1024;
const MiB = KiB * 1024;
const GiB = MiB * 1024;
const TiB = GiB * 1024;
const PiB = TiB * 1024;
const SEC = 1000;
const MIN = 60 * SEC;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
const MONTH = 30 * DAY;
const YEAR = 365 * DAY;

describe('humanSize (docker images/ps: 3 significant digits)', () => {
  it.each([
    [0, '0B'],
    [1, '1B'],
    [999, '999B'],
    [1000, '1kB'],
    [1024, '1.02kB'],
    [4261302, '4.26MB'],
    [1_000_000, '1MB'],
    [187_000_000, '187MB'],
    [1_200_000_000, '1.2GB'],
    [1_062_500, '1.06MB'], // 1.0625 rounds half to even, as Go does
    [999_999, '1e+03kB'], // %.3g quirk docker shows too
    [1e24, '1YB'],
  ])('%d → %s', (n, want) => expect(humanSize(n)).toBe(want));

  it.each([
    [1000, '1kB'],
    [1024, '1.024kB'],
    [1_000_000, '1MB'],
    [1_048_576, '1.049MB'],
    [2_000_000, '2MB'],
    [3.42e9, '3.42GB'],
    [5.372e12, '5.372TB'],
    [2.22e15, '2.22PB'],
    [1e13 * 1e15, '1e+04YB'],
  ])('go-units HumanSize (precision 4): %d → %s', (n, want) => expect(humanSize(n, 4)).toBe(want));
});

describe('bytesSize (go-units BytesSize)', () => {
  it.each([
    [0, '0B'],
    [500, '500B'],
    [1024, '1KiB'],
    [1024 * 1024, '1MiB'],
    [1.5 * MiB, '1.5MiB'],
    [2 * MiB, '2MiB'],
    [3.42 * GiB, '3.42GiB'],
    [5.372 * TiB, '5.372TiB'],
    [2.22 * PiB, '2.22PiB'],
    [KiB * KiB * KiB * KiB * KiB * PiB, '1.049e+06YiB'],
  ])('%d → %s', (n, want) => expect(bytesSize(n)).toBe(want));
});

describe('humanDuration (go-units HumanDuration)', () => {
  it.each([
    [-5 * SEC, 'Less than a second'],
    [450, 'Less than a second'],
    [999, 'Less than a second'],
    [1 * SEC, '1 second'],
    [1999, '1 second'],
    [45 * SEC, '45 seconds'],
    [59 * SEC, '59 seconds'],
    [60 * SEC, 'About a minute'],
    [119 * SEC, 'About a minute'],
    [3 * MIN, '3 minutes'],
    [35 * MIN + 40 * SEC, '35 minutes'],
    [59 * MIN + 59 * SEC, '59 minutes'],
    [1 * HOUR, 'About an hour'],
    [1 * HOUR + 29 * MIN, 'About an hour'],
    [1 * HOUR + 30 * MIN, '2 hours'],
    [1 * HOUR + 59 * MIN, '2 hours'],
    [3 * HOUR + 29 * MIN, '3 hours'],
    [3 * HOUR + 31 * MIN, '4 hours'],
    [24 * HOUR, '24 hours'],
    [DAY + 12 * HOUR, '36 hours'],
    [2 * DAY, '2 days'],
    [7 * DAY, '7 days'],
    [13 * DAY + 5 * HOUR, '13 days'],
    [2 * WEEK, '2 weeks'],
    [2 * WEEK + 4 * DAY, '2 weeks'],
    [4 * WEEK + 3 * DAY, '4 weeks'],
    [MONTH, '4 weeks'],
    [MONTH + 2 * WEEK, '6 weeks'],
    [2 * MONTH, '2 months'],
    [3 * MONTH + WEEK, '3 months'],
    [13 * MONTH, '13 months'],
    [24 * MONTH, '24 months'],
    [24 * MONTH + 2 * WEEK, '2 years'],
    [3 * YEAR + 2 * MONTH, '3 years'],
  ])('%d ms → %s', (ms, want) => expect(humanDuration(ms)).toBe(want));

  it('timeAgo appends " ago" and takes Dates or epoch ms', () => {
    expect(timeAgo(0, 3 * MIN)).toBe('3 minutes ago');
    expect(timeAgo(new Date(0), new Date(2 * DAY))).toBe('2 days ago');
    expect(timeAgo(Date.now() - 5 * SEC)).toMatch(/^[45] seconds ago$/);
  });
});

describe('parseSize (go-units RAMInBytes)', () => {
  it.each([
    ['32', 32],
    ['32b', 32],
    ['32B', 32],
    ['32k', 32 * KiB],
    ['32K', 32 * KiB],
    ['32kb', 32 * KiB],
    ['32Kib', 32 * KiB],
    ['32KIB', 32 * KiB],
    ['32Mb', 32 * MiB],
    ['32Gb', 32 * GiB],
    ['32Tb', 32 * TiB],
    ['32Pb', 32 * PiB],
    ['32P', 32 * PiB],
    ['32.3', 32],
    ['32.3 mb', Math.trunc(32.3 * MiB)],
    ['0.3MB', Math.trunc(0.3 * MiB)],
    ['512m', 536870912],
    ['1g', 1073741824],
    ['100k', 102400],
    ['1024', 1024],
  ])('%s → %d', (s, want) => expect(parseSize(s)).toBe(want));

  it.each([
    ['abc', /^invalid size: 'abc'$/],
    ['', /invalid size: ''/],
    ['hello', /invalid size/],
    ['-32', /invalid size: '-32'/],
    [' 32 ', /invalid size/],
    ['32m b', /invalid size/],
    ['1.2.3m', /invalid size/],
    ['32bm', /invalid suffix: 'bm'/],
    ['32x', /invalid suffix: 'x'/],
    ['32mib0', /invalid size/],
    ['32kbb', /invalid suffix: 'kbb'/],
  ])('%j is INVALID_ARGUMENT', (s, re) => expectInvalid(() => parseSize(s), re));
});

describe('parseDuration (time.ParseDuration)', () => {
  it.each([
    ['10s', 10_000],
    ['1m30s', 90_000],
    ['1.5h', 5_400_000],
    ['300ms', 300],
    ['-2h', -7_200_000],
    ['+5m', 300_000],
    ['0', 0],
    ['-0', 0],
    ['.5s', 500],
    ['1.s', 1000],
    ['2us', 0.002],
    ['2µs', 0.002],
    ['1500ns', 0.0015],
    ['1h2m3s4ms', 3_723_004],
  ])('%s → %d ms', (s, want) => expect(parseDuration(s)).toBeCloseTo(want, 9));

  it.each([
    ['', /time: invalid duration ""/],
    ['abc', /time: invalid duration "abc"/],
    ['.s', /invalid duration/],
    ['10', /time: missing unit in duration "10"/],
    ['10x', /time: unknown unit "x" in duration "10x"/],
    ['1h 2m', /unknown unit "h " in duration/],
    ['9999999999h', /invalid duration/],
  ])('%j is INVALID_ARGUMENT', (s, re) => expectInvalid(() => parseDuration(s), re));
});

describe('parseTimestamp (docker --since/--until)', () => {
  const now = Date.UTC(2024, 0, 2, 3, 4, 5); // 1704164645
  const localOffsetSec = -new Date(now).getTimezoneOffset() * 60;

  it.each([
    ['10m', 1704164645 - 600],
    ['1h30m', 1704164645 - 5400],
    ['-10s', 1704164655],
    ['2024-01-02T03:04:05Z', 1704164645],
    ['2024-01-02T03:04:05.5Z', 1704164645.5],
    ['2024-01-02T03:04:05+01:00', 1704164645 - 3600],
    ['2024-01-02T03:04:05.25-02:30', 1704164645 + 9000 + 0.25],
    ['2024-01-02T03:04Z', 1704164640],
    ['2024-01-02T03Z', 1704164400],
    ['2024-01-02Z', 1704153600],
    ['2024-01-02+01:00', 1704153600 - 3600],
    ['1704164645', 1704164645],
    ['1704164645.25', 1704164645.25],
    ['0', 0],
  ])('%s → %d', (s, want) => expect(parseTimestamp(s, now)).toBeCloseTo(want, 6));

  it.each([
    ['2024-01-02', 1704153600],
    ['2024-01-02T03', 1704164400],
    ['2024-01-02T03:04', 1704164640],
    ['2024-01-02T03:04:05', 1704164645],
    ['2024-01-02T03:04:05.75', 1704164645.75],
  ])('%s is local time (the zone of `now`)', (s, utc) => {
    expect(parseTimestamp(s, new Date(now))).toBeCloseTo(utc - localOffsetSec, 6);
  });

  it.each(['yesterday', '2024-13-01', '2024-02-30', '2024-01-02T25:00:00Z', '2024-01-02T03:04.5Z', '', '12abc', '-5'])(
    '%j is INVALID_ARGUMENT',
    (s) => expectInvalid(() => parseTimestamp(s, now), /failed to parse value as time or duration/),
  );
});

describe('goTime and ellipsis', () => {
  it('prints time.Time String() layout in the local zone', () => {
    expect(goTime(Date.UTC(2024, 0, 2, 3, 4, 5))).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} [+-]\d{4} \S+$/);
    if (new Date().getTimezoneOffset() === 0 && (process.env.TZ ?? 'UTC') === 'UTC') {
      expect(goTime(Date.UTC(2024, 0, 2, 3, 4, 5))).toBe('2024-01-02 03:04:05 +0000 UTC');
      expect(goTime(new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 500)))).toBe('2024-01-02 03:04:05.5 +0000 UTC');
    }
  });

  it.each([
    ['abcdef', 4, 'abc…'],
    ['abcd', 4, 'abcd'],
    ['abcdef', 1, 'a'],
    ['abc', 0, ''],
    ['日本語テキスト', 5, '日本…'],
    ['/bin/sh -c #(nop)  CMD ["nginx" "-g" "daemon off;"]', 45, '/bin/sh -c #(nop)  CMD ["nginx" "-g" "daemon…'],
  ])('ellipsis(%j, %d) → %j', (s, n, want) => expect(ellipsis(s, n)).toBe(want));
});
