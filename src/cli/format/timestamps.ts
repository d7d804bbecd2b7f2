/**
 * Go's time.ParseDuration and docker's GetTimestamp (--since/--until), plus time.Time's String()
 * for CreatedAt columns.
 */
import { invalid } from '../../lib/errors.js';
import { parseGoDuration } from '../../lib/go-duration.js';

/** time.ParseDuration ("10s", "1m30s", "1.5h", "300ms", "-2h") → milliseconds. */
export function parseDuration(s: string): number {
  return parseGoDuration(s) / 1e6;
}

const nowMs = (d: Date | number) => (typeof d === 'number' ? d : d.getTime());

function daysIn(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

/**
 * docker's GetTimestamp: a Go duration before `now` ("10m"), RFC 3339 with or without fraction
 * and zone, "2006-01-02", "2006-01-02T15[:04[:05]]" (local time), or unix seconds with an optional
 * fraction. Returns unix seconds (fractional).
 */
export function parseTimestamp(value: string, now: Date | number = Date.now()): number {
  const fail = () => invalid(`failed to parse value as time or duration: ${JSON.stringify(value)}`);
  if (value !== '0') {
    try {
      return Math.floor((nowMs(now) - parseDuration(value)) / 1000);
    } catch {
      // not a duration; try the time layouts below
    }
  }
  // Like docker: no zone given (no Z/z/+ and not a date with a "-hh:mm" offset) means local time.
  const local = !/[zZ+]/.test(value) && value.split('-').length - 1 !== 3;
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{1,2})(?::(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?)?(Z|[+-]\d{2}:\d{2})?$/.exec(value);
  const hasFrac = value.includes('.');
  // Docker picks one layout from the shape of the value; a fraction requires full seconds.
  const ok = m && (local ? !m[8] : !!m[8]) && (!hasFrac || m[7] !== undefined);
  if (!m || !ok) {
    if (value.includes('-') || !/^\+?\d+(\.\d+)?$/.test(value)) throw fail();
    return Number(value.replace(/^\+/, ''));
  }
  const [y, mo, d, h, mi, sec] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0));
  if (mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo) || h > 23 || mi > 59 || sec > 59) throw fail();
  const frac = m[7] ? Number(`0.${m[7].slice(0, 9)}`) : 0;
  let offsetMin: number;
  if (local) offsetMin = -new Date(nowMs(now)).getTimezoneOffset(); // docker: FixedZone(reference.Zone())
  else if (m[8] === 'Z') offsetMin = 0;
  else {
    const [oh, om] = m[8].slice(1).split(':').map(Number);
    if (oh > 23 || om > 59) throw fail();
    offsetMin = (m[8][0] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  // setUTCFullYear, not Date.UTC: the latter maps years 0–99 to 1900–1999.
  const t = new Date(0);
  t.setUTCFullYear(y, mo - 1, d);
  t.setUTCHours(h, mi, sec, 0);
  return (t.getTime() - offsetMin * 60_000) / 1000 + frac;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/**
 * time.Time's String() in the local zone, as docker's CreatedAt columns print it:
 * "2024-01-02 15:04:05 +0100 CET". Numbers are epoch ms.
 */
export function goTime(date: Date | number): string {
  const d = new Date(nowMs(date));
  const off = -d.getTimezoneOffset();
  const sign = off < 0 ? '-' : '+';
  const abs = Math.abs(off);
  const offset = `${sign}${pad2(Math.trunc(abs / 60))}${pad2(abs % 60)}`;
  const frac = d.getMilliseconds() ? '.' + String(d.getMilliseconds()).padStart(3, '0').replace(/0+$/, '') : '';
  const stamp = `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())} ${pad2(d.getHours())}:${pad2(d.getMinutes())}:${pad2(d.getSeconds())}${frac}`;
  return `${stamp} ${offset} ${zoneName(d, off)}`;
}

let zoneFormat: { tz: string | undefined; fmt: Intl.DateTimeFormat } | undefined;

/** Go prints tzdata abbreviations ("UTC", "CET"); zones without one print like "+0530". */
function zoneName(d: Date, offMin: number): string {
  if (offMin === 0 && (process.env.TZ === undefined || /^(UTC|Etc\/UTC|UTC0|)$/.test(process.env.TZ))) return 'UTC';
  // one formatter per zone: building it costs ~1 ms, and listings call this once per row
  if (!zoneFormat || zoneFormat.tz !== process.env.TZ) zoneFormat = { tz: process.env.TZ, fmt: new Intl.DateTimeFormat('en-US', { timeZoneName: 'short' }) };
  const name = zoneFormat.fmt.formatToParts(d).find((p) => p.type === 'timeZoneName')?.value;
  if (name && !/^(GMT|UTC)[+-]/.test(name)) return name;
  const abs = Math.abs(offMin);
  return `${offMin < 0 ? '-' : '+'}${pad2(Math.trunc(abs / 60))}${abs % 60 ? pad2(abs % 60) : ''}`;
}
