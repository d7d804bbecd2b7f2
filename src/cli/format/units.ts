/**
 * docker/go-units: human sizes and durations exactly as docker prints them, and the parsers docker
 * uses for sizes, durations and --since/--until timestamps.
 */
import { invalid } from '../../lib/errors.js';
import { formatFloat } from './go-float.js';

export { parseDuration, parseTimestamp, goTime } from './timestamps.js';

const DECIMAL = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB', 'ZB', 'YB'];
const BINARY = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB', 'ZiB', 'YiB'];

function sizeAndUnit(size: number, base: number, units: string[]): [number, string] {
  let i = 0;
  while (size >= base && i < units.length - 1) {
    size /= base;
    i++;
  }
  return [size, units[i]];
}

/**
 * Decimal size, `%.<precision>g` + unit: "0B", "999B", "1kB", "4.26MB". The default of 3 digits is
 * what `docker images`, `ps -s` and `history` print (HumanSizeWithPrecision(…, 3)); go-units'
 * own HumanSize, used by `docker system df`, is precision 4.
 */
export function humanSize(bytes: number, precision = 3): string {
  const [n, unit] = sizeAndUnit(bytes, 1000, DECIMAL);
  return formatFloat(n, 'g', precision) + unit;
}

/** Binary size, `%.4g` + unit: "1KiB", "1.5MiB", "3.42GiB" (go-units BytesSize). */
export function bytesSize(bytes: number): string {
  const [n, unit] = sizeAndUnit(bytes, 1024, BINARY);
  return formatFloat(n, 'g', 4) + unit;
}

import { humanDuration } from '../../lib/human-duration.js';

export { humanDuration };

const ms = (d: Date | number) => (typeof d === 'number' ? d : d.getTime());

/** "3 minutes ago", as docker's CreatedSince/RunningFor columns print it. Numbers are epoch ms. */
export function timeAgo(date: Date | number, now: Date | number = Date.now()): string {
  return humanDuration(ms(now) - ms(date)) + ' ago';
}

const BINARY_MULT: Record<string, number> = { k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4, p: 1024 ** 5 };

/**
 * go-units RAMInBytes, as --memory, --shm-size and friends parse: "512m", "1g", "100k", "1.5GiB",
 * "1024"; binary units, case-insensitive, optional "b"/"ib" suffix, one space allowed before it.
 */
export function parseSize(s: string): number {
  let sep = -1;
  for (let i = s.length - 1; i >= 0; i--) {
    if ('0123456789. '.includes(s[i])) {
      sep = i;
      break;
    }
  }
  if (sep < 0) throw invalid(`invalid size: '${s}'`);
  const num = s[sep] === ' ' ? s.slice(0, sep) : s.slice(0, sep + 1);
  const sfx = s.slice(sep + 1).toLowerCase();
  // strconv.ParseFloat syntax (decimal only; Go's hex floats need a 'p' exponent anyway).
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(num)) throw invalid(`invalid size: '${s}'`);
  const size = Number(num);
  if (size < 0) throw invalid(`invalid size: '${s}'`);
  if (sfx === '' || sfx === 'b') return Math.trunc(size);
  const mult = BINARY_MULT[sfx[0]];
  if (mult === undefined || sfx.length > 3 || (sfx.length === 2 && sfx[1] !== 'b') || (sfx.length === 3 && sfx.slice(1) !== 'ib')) {
    throw invalid(`invalid suffix: '${sfx}'`);
  }
  return Math.trunc(size * mult);
}
