/**
 * Go's time.ParseDuration ("1h30m", "1.5s", "300ms") → nanoseconds, the unit docker stores
 * healthcheck durations in; also behind --since/--until and other duration flags.
 */
import { invalid } from './errors.js';

const MAX_NS = 2 ** 63 - 1;

const UNITS: Record<string, number> = {
  ns: 1, us: 1e3, 'µs': 1e3, 'μs': 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9,
};

export function parseGoDuration(text: string): number {
  const quoted = JSON.stringify(text);
  let s = text;
  let neg = false;
  if (s[0] === '-' || s[0] === '+') {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return 0;
  if (s === '') throw invalid(`time: invalid duration ${quoted}`);
  let total = 0;
  while (s !== '') {
    const num = /^([0-9]*)(?:\.([0-9]*))?/.exec(s)!;
    const [whole = '', frac] = [num[1], num[2]];
    if (whole === '' && (frac === undefined || frac === '')) throw invalid(`time: invalid duration ${quoted}`);
    s = s.slice(num[0].length);
    const unit = /^[^0-9.]*/.exec(s)![0];
    if (unit === '') throw invalid(`time: missing unit in duration ${quoted}`);
    const scale = UNITS[unit];
    if (scale === undefined) throw invalid(`time: unknown unit ${JSON.stringify(unit)} in duration ${quoted}`);
    s = s.slice(unit.length);
    total += Number(whole || '0') * scale + (frac ? Number(`0.${frac}`) * scale : 0);
    if (total > MAX_NS) throw invalid(`time: invalid duration ${quoted}`);
  }
  const ns = Math.round(total);
  return neg ? -ns : ns;
}
