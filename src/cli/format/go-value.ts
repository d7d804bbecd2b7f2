/**
 * How Go's reflection sees berth's JS data. Plain objects act as structs (an absent key is an
 * error); JS Maps and objects passed through asMap() act as Go maps (absent key → <no value>,
 * iteration and printing in sorted key order). `undefined` is Go's invalid reflect.Value
 * ("<no value>"), `null` is nil.
 */
import { formatNumberV } from './go-float.js';

const MAP_MARK = Symbol.for('berth.format.map');

/**
 * Objects implementing this resolve fields themselves (e.g. the table header context, where
 * every field renders as its column header). Return the field's value; throw for unknown fields.
 */
export const FIELD_RESOLVER = Symbol.for('berth.format.fieldResolver');
export interface DynamicFields {
  [FIELD_RESOLVER](name: string, args: unknown[]): unknown;
}

/** Mark a plain object as a Go map (labels, options…). Non-enumerable, so JSON ignores it. */
export function asMap<T extends object>(obj: T): T {
  Object.defineProperty(obj, MAP_MARK, { value: true, enumerable: false });
  return obj;
}

export function isGoMap(v: unknown): v is Map<unknown, unknown> | Record<string, unknown> {
  return v instanceof Map || (typeof v === 'object' && v !== null && (v as Record<symbol, unknown>)[MAP_MARK] === true);
}

export function hasFieldResolver(v: unknown): v is DynamicFields {
  return typeof v === 'object' && v !== null && typeof (v as Record<symbol, unknown>)[FIELD_RESOLVER] === 'function';
}

/** Map entries sorted by key, as Go's fmt, json and range do. */
export function mapEntries(m: Map<unknown, unknown> | Record<string, unknown>): [unknown, unknown][] {
  const entries: [unknown, unknown][] = m instanceof Map ? [...m.entries()] : Object.entries(m);
  return entries.sort(([a], [b]) => compareKeys(a, b));
}

function compareKeys(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function mapSize(m: Map<unknown, unknown> | Record<string, unknown>): number {
  return m instanceof Map ? m.size : Object.keys(m).length;
}

export function mapGet(m: Map<unknown, unknown> | Record<string, unknown>, key: unknown): unknown {
  if (m instanceof Map) return m.get(key);
  return Object.hasOwn(m, String(key)) ? m[String(key)] : undefined;
}

/** An object whose class supplies its own toString — JS's counterpart of fmt.Stringer. */
export function isStringer(v: unknown): v is { toString(): string } {
  if (typeof v !== 'object' || v === null || Array.isArray(v) || v instanceof Map || v instanceof Date) return false;
  const ts = (v as { toString?: unknown }).toString;
  return typeof ts === 'function' && ts !== Object.prototype.toString;
}

/** Go's template truth: false, 0, nil, and empty strings, slices and maps are false. */
export function isTrue(v: unknown): boolean {
  if (v === undefined || v === null) return false;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'bigint') return v !== 0n;
  if (typeof v === 'string' || Array.isArray(v)) return v.length > 0;
  if (isGoMap(v)) return mapSize(v) > 0;
  return true;
}

/** Go type name for %T and error messages. */
export function goTypeName(v: unknown): string {
  if (v === undefined || v === null) return '<nil>';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float64';
  if (typeof v === 'bigint') return 'int64';
  if (typeof v === 'function') return 'func';
  if (Array.isArray(v)) return '[]interface {}';
  if (isGoMap(v)) return 'map[string]interface {}';
  if (v instanceof Date) return 'time.Time';
  return 'struct';
}

/** Go's time.Time String(), always in UTC: "2006-01-02 15:04:05.999999999 +0000 UTC". */
export function formatGoTime(d: Date): string {
  if (Number.isNaN(d.getTime())) return '<invalid time>';
  const iso = d.toISOString();
  const frac = iso.slice(20, 23).replace(/0+$/, '');
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${frac ? '.' + frac : ''} +0000 UTC`;
}

/** fmt's %v. */
export function formatValue(v: unknown): string {
  if (v === undefined || v === null) return '<nil>';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return formatNumberV(v);
  if (typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (typeof v === 'function') return '<func>';
  if (Array.isArray(v)) return `[${v.map(formatValue).join(' ')}]`;
  if (v instanceof Date) return formatGoTime(v);
  if (isGoMap(v)) return `map[${mapEntries(v).map(([k, x]) => `${formatValue(k)}:${formatValue(x)}`).join(' ')}]`;
  if (isStringer(v)) return v.toString();
  return `{${Object.values(v as object).map(formatValue).join(' ')}}`;
}

/** What an action prints: like %v, but an invalid value (missing map key) is "<no value>". */
export function formatForOutput(v: unknown): string {
  return v === undefined ? '<no value>' : formatValue(v);
}
