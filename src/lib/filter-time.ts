/**
 * docker's `until`/`since` filter values (timetypes.GetTimestamp): a Unix timestamp ("1700000000",
 * "1700000000.5"), an RFC 3339 / ISO date ("2024-01-02", "2024-01-02T03:04:05Z"), or a Go duration
 * counted back from now ("10m", "1h30m", "24h"). Returns Unix milliseconds.
 */
import { invalid } from './errors.js';
import { parseGoDuration } from './go-duration.js';

export function filterTimeMs(value: string, name = 'until', now = Date.now()): number {
  const v = value.trim();
  if (/^-?\d+(\.\d+)?$/.test(v)) return Number(v) * 1000;
  if (/^\d{4}-\d\d-\d\d/.test(v)) {
    const t = Date.parse(v);
    if (!Number.isNaN(t)) return t;
  }
  try {
    return now - parseGoDuration(v) / 1e6;
  } catch {
    throw invalid(`invalid filter '${name}=${value}'`);
  }
}
