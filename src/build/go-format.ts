/**
 * The few Go fmt verbs the legacy builder uses in its `#(nop)` commit messages, so history
 * `created_by` strings read exactly as docker writes them: %q of a []string (`["a" "b"]`), %v of a
 * []string (`[a b]`), time.Duration's String and %q of a *HealthConfig.
 */
import type { HealthConfig } from '../oci/types.js';

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;
const SHORT: Record<number, string> = { 7: '\\a', 8: '\\b', 12: '\\f', 10: '\\n', 13: '\\r', 9: '\\t', 11: '\\v' };

/** strconv.Quote. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += '\\' + ch;
    else if (c >= 0xd800 && c <= 0xdfff) out += '\\ufffd';
    else if (PRINTABLE.test(ch)) out += ch;
    else if (SHORT[c] !== undefined) out += SHORT[c];
    else if (c < 0x20 || c === 0x7f) out += '\\x' + c.toString(16).padStart(2, '0');
    else if (c < 0x10000) out += '\\u' + c.toString(16).padStart(4, '0');
    else out += '\\U' + c.toString(16).padStart(8, '0');
  }
  return out + '"';
}

/** fmt's %q of a []string: `["a" "b"]` (a nil slice prints `[]`). */
export function goQuoteList(list: readonly string[] | null | undefined): string {
  return `[${(list ?? []).map(goQuote).join(' ')}]`;
}

/** fmt's %v of a []string: `[a b]`. */
export function goList(list: readonly string[] | null | undefined): string {
  return `[${(list ?? []).join(' ')}]`;
}

/** Digits of v / 10^prec after the point, trailing zeros dropped (Go's fmtFrac). */
function frac(v: bigint, prec: number): [string, bigint] {
  let digits = '';
  let print = false;
  for (let i = 0; i < prec; i++) {
    const d = v % 10n;
    print ||= d !== 0n;
    if (print) digits = d.toString() + digits;
    v /= 10n;
  }
  return [print ? '.' + digits : '', v];
}

/** time.Duration.String of a nanosecond count: "0s", "1.5ms", "30s", "1m0s", "2h0m0s". */
export function goDuration(ns: number): string {
  let u = BigInt(Math.round(Math.abs(ns)));
  const sign = ns < 0 ? '-' : '';
  if (u === 0n) return '0s';
  if (u < 1_000_000_000n) {
    if (u < 1000n) return `${sign}${u}ns`;
    const [f, whole] = u < 1_000_000n ? frac(u, 3) : frac(u, 6);
    return `${sign}${whole}${f}${u < 1_000_000n ? 'µs' : 'ms'}`;
  }
  const [f, secs] = frac(u, 9);
  u = secs;
  let out = `${u % 60n}${f}s`;
  u /= 60n;
  if (u > 0n) {
    out = `${u % 60n}m${out}`;
    u /= 60n;
    if (u > 0n) out = `${u}h${out}`;
  }
  return sign + out;
}

/** strconv.QuoteRune: fmt's %q of an integer. */
export function goQuoteRune(n: number): string {
  const ch = n < 0 || n > 0x10ffff || (n >= 0xd800 && n <= 0xdfff) ? '\ufffd' : String.fromCodePoint(n);
  if (ch === "'" || ch === '\\') return `'\\${ch}'`;
  const q = goQuote(ch);
  return `'${q.slice(1, -1).replace(/^\\"$/, '"')}'`;
}

/**
 * fmt's %q of a *container.HealthConfig, as docker v28's HEALTHCHECK commit message has it:
 * `&{["CMD-SHELL" "curl -f x"] "30s" "3s" "0s" "0s" '\x02'}` (durations are Stringers, Retries an int).
 */
export function goHealthConfig(h: HealthConfig): string {
  const d = (n: number | undefined) => goQuote(goDuration(n ?? 0));
  return `&{${goQuoteList(h.Test)} ${d(h.Interval)} ${d(h.Timeout)} ${d(h.StartPeriod)} ${d(h.StartInterval)} ${goQuoteRune(h.Retries ?? 0)}}`;
}
