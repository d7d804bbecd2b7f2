/**
 * Go's encoding/json, compact, as `{{json .}}` prints it. Differences from JSON.stringify that
 * users can see: map keys are sorted, times are RFC 3339 with trimmed fractions, U+2028/U+2029 are
 * escaped, and (only when asked) <, > and & are escaped as \u003c… like json.Marshal. Docker's
 * `json` template function turns HTML escaping off (enc.SetEscapeHTML(false)), so that's our default.
 */
import { isGoMap, mapEntries } from './go-value.js';

export interface JsonOptions {
  escapeHTML?: boolean;
}

export function encodeJson(value: unknown, opts: JsonOptions = {}): string {
  return enc(value, opts.escapeHTML ?? false, new Set());
}

/** RFC3339Nano as Go's time.Time MarshalJSON writes it (trailing fractional zeros trimmed). */
export function rfc3339Nano(d: Date): string {
  const iso = d.toISOString();
  const frac = iso.slice(20, 23).replace(/0+$/, '');
  return `${iso.slice(0, 19)}${frac ? '.' + frac : ''}Z`;
}

function enc(v: unknown, html: boolean, seen: Set<object>): string {
  if (v === undefined || v === null || typeof v === 'function' || typeof v === 'symbol') return 'null';
  if (typeof v === 'string') return quote(v, html);
  if (typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  // Go refuses NaN/Inf (and docker's json func then prints nothing); null keeps the line parseable.
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : 'null';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? 'null' : quote(rfc3339Nano(v), html);
  if (seen.has(v as object)) return 'null';
  seen.add(v as object);
  try {
    if (Array.isArray(v)) return `[${v.map((x) => enc(x, html, seen)).join(',')}]`;
    if (ArrayBuffer.isView(v)) return quote(Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64'), html);
    if (isGoMap(v)) {
      return `{${mapEntries(v).map(([k, x]) => `${quote(String(k), html)}:${enc(x, html, seen)}`).join(',')}}`;
    }
    const toJSON = (v as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') return enc(toJSON.call(v), html, seen);
    const parts: string[] = [];
    for (const [k, x] of Object.entries(v as object)) {
      if (x === undefined || typeof x === 'function' || typeof x === 'symbol') continue;
      parts.push(`${quote(k, html)}:${enc(x, html, seen)}`);
    }
    return `{${parts.join(',')}}`;
  } finally {
    seen.delete(v as object);
  }
}

const SHORT: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function quote(s: string, html: boolean): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (SHORT[ch] !== undefined) out += SHORT[ch];
    else if (c < 0x20 || c === 0x2028 || c === 0x2029 || (html && (ch === '<' || ch === '>' || ch === '&'))) {
      out += '\\u' + c.toString(16).padStart(4, '0');
    } else if (c >= 0xd800 && c <= 0xdfff) out += '\\ufffd'; // lone surrogate: Go writes U+FFFD for invalid UTF-8
    else out += ch;
  }
  return out + '"';
}
