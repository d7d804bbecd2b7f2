/**
 * The function table: Go's text/template builtins plus the ones docker/cli adds in
 * templates.basicFunctions (json, split, join, title, lower, upper, pad, truncate) and `trim`.
 * Type checks follow Go's argument conversion: a number where a string is needed is an error,
 * not a silent String() — that is what docker users see too.
 */
import { funcError } from './template-errors.js';
import { encodeJson } from './go-json.js';
import { sprint, sprintf, sprintln } from './go-printf.js';
import { htmlEscape, jsEscape, queryEscape } from './go-quote.js';
import { goTypeName, isGoMap, isStringer, isTrue, mapEntries, mapGet, mapSize } from './go-value.js';
import { compare, eq } from './template-compare.js';

export type TemplateFn = (...args: unknown[]) => unknown;

export interface FuncDef {
  fn: TemplateFn;
  /** Argument count bounds; `max` undefined means variadic. */
  min: number;
  max?: number;
}

export type FuncMap = Record<string, FuncDef | TemplateFn>;

/**
 * Argument conversion for template functions (custom ones too): a wrong type throws a
 * FuncCallError that the executor reports as INVALID_ARGUMENT "error calling <fn>: …".
 */
export function toStr(v: unknown): string {
  if (typeof v === 'string') return v;
  if (isStringer(v)) return v.toString();
  throw funcError(`wrong type for value; expected string; got ${goTypeName(v)}`);
}

/** See toStr. */
export function toInt(v: unknown): number {
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  throw funcError(`wrong type for value; expected int; got ${goTypeName(v)}`);
}

/** The zero value Go's `index` returns for a missing map key, guessed from the map's values. */
function zeroLike(m: Map<unknown, unknown> | Record<string, unknown>): unknown {
  const first = mapEntries(m)[0]?.[1];
  if (typeof first === 'number') return 0;
  if (typeof first === 'boolean') return false;
  if (first === undefined || typeof first === 'string') return '';
  return null;
}

function indexArg(v: unknown, cap: number): number {
  if (v === null || v === undefined) throw funcError(`cannot index slice/array with nil`);
  if (typeof v !== 'number' || !Number.isInteger(v)) throw funcError(`cannot index slice/array with type ${goTypeName(v)}`);
  if (v < 0 || v > cap) throw funcError(`index out of range: ${v}`);
  return v;
}

function index(item: unknown, ...keys: unknown[]): unknown {
  if (item === undefined || item === null) throw funcError('index of untyped nil');
  for (const key of keys) {
    if (item === null || item === undefined) throw funcError('index of nil pointer');
    if (typeof item === 'string' || Array.isArray(item)) {
      const bytes = typeof item === 'string' ? Buffer.from(item, 'utf8') : undefined;
      const len = bytes ? bytes.length : (item as unknown[]).length;
      const x = indexArg(key, len);
      if (x >= len) throw funcError(`index out of range: ${x}`);
      item = bytes ? bytes[x] : (item as unknown[])[x];
    } else if (isGoMap(item)) {
      const v = mapGet(item, key);
      item = v === undefined ? zeroLike(item) : v;
    } else {
      throw funcError(`can't index item of type ${goTypeName(item)}`);
    }
  }
  return item;
}

function slice(item: unknown, ...idx: unknown[]): unknown {
  if (item === undefined || item === null) throw funcError('slice of untyped nil');
  if (idx.length > 3) throw funcError(`too many slice indexes: ${idx.length}`);
  const isStr = typeof item === 'string';
  if (!isStr && !Array.isArray(item)) throw funcError(`can't slice item of type ${goTypeName(item)}`);
  if (isStr && idx.length === 3) throw funcError('cannot 3-index slice a string');
  const bytes = isStr ? Buffer.from(item, 'utf8') : undefined;
  const len = bytes ? bytes.length : (item as unknown[]).length;
  const [i = 0, j = len] = idx.slice(0, 2).map((x) => indexArg(x, len));
  if (i > j) throw funcError(`invalid slice index: ${i} > ${j}`);
  return bytes ? bytes.subarray(i, j).toString('utf8') : (item as unknown[]).slice(i, j);
}

function length(v: unknown): number {
  if (v === null || v === undefined) throw funcError('len of nil pointer');
  if (typeof v === 'string') return Buffer.byteLength(v, 'utf8'); // Go's len counts bytes
  if (Array.isArray(v)) return v.length;
  if (isGoMap(v)) return mapSize(v);
  throw funcError(`len of type ${goTypeName(v)}`);
}

/** text/template's evalArgs: a lone string as is, otherwise fmt.Sprint of everything. */
const evalArgs = (args: unknown[]): string => (args.length === 1 && typeof args[0] === 'string' ? args[0] : sprint(args));

/** strings.Title: upper-case the first letter of each word. */
function title(s: string): string {
  let prev = ' ';
  let out = '';
  for (const ch of s) {
    const sep = /^[\x00-\x7f]$/.test(prev) ? !/^[0-9A-Za-z_]$/.test(prev) : !/^[\p{L}\p{N}]$/u.test(prev) && /^\s$/u.test(prev);
    out += sep ? ch.toUpperCase() : ch;
    prev = ch;
  }
  return out;
}

function join(v: unknown, sep: unknown): string {
  if (!Array.isArray(v)) throw funcError(`wrong type for value; expected []string; got ${goTypeName(v)}`);
  return v.map((x) => (typeof x === 'string' ? x : sprint([x]))).join(toStr(sep));
}

function truncate(s: unknown, n: unknown): string {
  const str = toStr(s);
  const len = toInt(n);
  if (len < 0) throw funcError(`slice bounds out of range [:${len}]`);
  const runes = [...str];
  return runes.length < len ? str : runes.slice(0, len).join('');
}

function pad(s: unknown, prefix: unknown, suffix: unknown): string {
  const str = toStr(s);
  const [p, q] = [toInt(prefix), toInt(suffix)];
  if (p < 0 || q < 0) throw funcError('negative Repeat count');
  return str === '' ? str : ' '.repeat(p) + str + ' '.repeat(q);
}

function call(fn: unknown, ...args: unknown[]): unknown {
  if (fn === undefined || fn === null) throw funcError('call of nil');
  if (typeof fn !== 'function') throw funcError(`non-function of type ${goTypeName(fn)}`);
  return (fn as TemplateFn)(...args);
}

const def = (fn: TemplateFn, min: number, max = min): FuncDef => ({ fn, min, max });
const variadic = (fn: TemplateFn, min: number): FuncDef => ({ fn, min });
const lazy = (): unknown => {
  throw new Error('and/or are evaluated by the executor'); // never called: short-circuit lives in template-exec
};

export const BUILTIN_FUNCS: Readonly<Record<string, FuncDef>> = {
  and: variadic(lazy, 1),
  or: variadic(lazy, 1),
  not: def((x) => !isTrue(x), 1),
  len: def(length, 1),
  index: variadic(index, 1),
  slice: variadic(slice, 1),
  print: variadic((...a) => sprint(a), 0),
  printf: variadic((f, ...a) => sprintf(toStr(f), a), 1),
  println: variadic((...a) => sprintln(a), 0),
  html: variadic((...a) => htmlEscape(evalArgs(a)), 0),
  js: variadic((...a) => jsEscape(evalArgs(a)), 0),
  urlquery: variadic((...a) => queryEscape(evalArgs(a)), 0),
  call: variadic(call, 1),
  eq: variadic((a, ...b) => eq(a, b), 1),
  ne: def((a, b) => !eq(a, [b]), 2),
  lt: def((a, b) => compare(a, b) < 0, 2),
  le: def((a, b) => compare(a, b) <= 0, 2),
  gt: def((a, b) => compare(a, b) > 0, 2),
  ge: def((a, b) => compare(a, b) >= 0, 2),
  json: def((v) => encodeJson(v), 1),
  split: def((s, sep) => {
    const [str, by] = [toStr(s), toStr(sep)];
    return by === '' ? [...str] : str.split(by);
  }, 2),
  join: def(join, 2),
  title: def((s) => title(toStr(s)), 1),
  lower: def((s) => toStr(s).toLowerCase(), 1),
  upper: def((s) => toStr(s).toUpperCase(), 1),
  trim: def((s) => toStr(s).trim(), 1),
  pad: def(pad, 3),
  truncate: def(truncate, 2),
};

export function normalizeFuncs(map: FuncMap | undefined): Record<string, FuncDef> {
  const out: Record<string, FuncDef> = {};
  for (const [name, f] of Object.entries(map ?? {})) out[name] = typeof f === 'function' ? { fn: f, min: 0 } : f;
  return out;
}
