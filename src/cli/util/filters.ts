/** docker's `--filter key=value` flags → the API's filters map ({key: [values]}). */
import { invalid } from '../../lib/errors.js';

export function parseFilters(values: unknown): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const f of (values as string[] | undefined) ?? []) {
    const eq = f.indexOf('=');
    if (eq <= 0) throw invalid(`bad format of filter (expected name=value)`);
    const k = f.slice(0, eq).trim().toLowerCase();
    (out[k] ??= []).push(f.slice(eq + 1).trim());
  }
  return out;
}
