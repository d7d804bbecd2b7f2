/**
 * Value conversion for flags, reproducing the Go (strconv / time / pflag) error texts that docker
 * prints verbatim, so `berth ps -n x` reads exactly like `docker ps -n x`.
 */
import type { FlagDef } from './command.js';

/** Go's %q for a string: double-quoted with Go escapes (JSON differs only for control chars). */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (c < 0x20 || c === 0x7f) out += '\\x' + c.toString(16).padStart(2, '0');
    else out += ch;
  }
  return out + '"';
}

/** strconv.ParseBool. */
export function parseGoBool(s: string): boolean {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(s)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(s)) return false;
  throw new Error(`strconv.ParseBool: parsing ${goQuote(s)}: invalid syntax`);
}

// strconv.ParseInt(s, 0, 64): base prefixes 0x/0o/0b/leading 0, underscores only between digits.
const GO_INT = /^[+-]?(0[xX](_?[0-9a-fA-F])+|0[bB](_?[01])+|0[oO](_?[0-7])+|0(_?[0-7])*|[1-9](_?[0-9])*)$/;
const INT64_MAX = (1n << 63n) - 1n;
const INT64_MIN = -(1n << 63n);

/** strconv.ParseInt with base 0 and bitSize 64, as pflag's int flags use. */
export function parseGoInt(s: string): number {
  if (!GO_INT.test(s)) throw new Error(`strconv.ParseInt: parsing ${goQuote(s)}: invalid syntax`);
  const neg = s.startsWith('-');
  let body = s.replace(/^[+-]/, '').replace(/_/g, '');
  // BigInt understands 0x/0o/0b but not Go's legacy leading-zero octal.
  if (/^0[0-7]+$/.test(body)) body = '0o' + body.slice(1);
  const v = neg ? -BigInt(body) : BigInt(body);
  if (v > INT64_MAX || v < INT64_MIN) throw new Error(`strconv.ParseInt: parsing ${goQuote(s)}: value out of range`);
  return Number(v);
}

const DURATION_UNITS = new Set(['ns', 'us', 'µs', 'μs', 'ms', 's', 'm', 'h']);

/** Validates like time.ParseDuration; the value stays a string (the contract stores durations as text). */
export function checkGoDuration(s: string): string {
  const bad = () => new Error(`time: invalid duration ${goQuote(s)}`);
  let rest = s.replace(/^[+-]/, '');
  if (rest === '0') return s;
  if (rest === '') throw bad();
  while (rest !== '') {
    const num = /^(\d*)(\.(\d*))?/.exec(rest)!;
    if ((num[1] ?? '') === '' && (num[3] ?? '') === '') throw bad();
    rest = rest.slice(num[0].length);
    const unit = /^[^\d.]*/.exec(rest)![0];
    if (unit === '') throw new Error(`time: missing unit in duration ${goQuote(s)}`);
    if (!DURATION_UNITS.has(unit)) throw new Error(`time: unknown unit ${goQuote(unit)} in duration ${goQuote(s)}`);
    rest = rest.slice(unit.length);
  }
  return s;
}

/** "-a, --all" or "--digests", as pflag names a flag in its messages. */
export function flagDisplayName(def: FlagDef): string {
  return def.short ? `-${def.short}, --${def.name}` : `--${def.name}`;
}

/** Converts one raw value; throws pflag's `invalid argument "x" for "-n, --last" flag: …`. */
export function convertFlagValue(def: FlagDef, raw: string): string | boolean | number {
  try {
    switch (def.type) {
      case 'bool': return parseGoBool(raw);
      case 'int': return parseGoInt(raw);
      case 'duration': return checkGoDuration(raw);
      default: return raw;
    }
  } catch (err) {
    throw new Error(`invalid argument ${goQuote(raw)} for ${goQuote(flagDisplayName(def))} flag: ${(err as Error).message}`);
  }
}
