/** strconv.Quote / QuoteRune and friends, for %q and the `js`/`html`/`urlquery` functions. */

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;
const SHORT: Record<number, string> = { 7: '\\a', 8: '\\b', 12: '\\f', 10: '\\n', 13: '\\r', 9: '\\t', 11: '\\v' };

function escapeRune(ch: string, quote: string, asciiOnly: boolean): string {
  const c = ch.codePointAt(0)!;
  if (ch === quote || ch === '\\') return '\\' + ch;
  if (c >= 0xd800 && c <= 0xdfff) return '\\ufffd'; // lone surrogate ≈ invalid UTF-8 → RuneError
  if (asciiOnly ? c < 0x80 && PRINTABLE.test(ch) : PRINTABLE.test(ch)) return ch;
  if (SHORT[c] !== undefined) return SHORT[c];
  if (c < 0x20 || c === 0x7f) return '\\x' + c.toString(16).padStart(2, '0');
  if (c < 0x10000) return '\\u' + c.toString(16).padStart(4, '0');
  return '\\U' + c.toString(16).padStart(8, '0');
}

export function goQuote(s: string, asciiOnly = false): string {
  let out = '"';
  for (const ch of s) out += escapeRune(ch, '"', asciiOnly);
  return out + '"';
}

export function goQuoteRune(c: number, asciiOnly = false): string {
  const ch = c > 0x10ffff || c < 0 ? '\ufffd' : String.fromCodePoint(c);
  return `'${escapeRune(ch, "'", asciiOnly)}'`;
}

/** strconv.CanBackquote: no control characters other than tab, no backquote. */
export function canBackquote(s: string): boolean {
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '`' || c === 0xfeff || (c < 0x20 && c !== 9) || c === 0x7f) return false;
  }
  return true;
}

/** template.HTMLEscapeString. */
export function htmlEscape(s: string): string {
  return s.replace(/[<>&'"\0]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&#39;', '"': '&#34;', '\0': '\ufffd' })[c]!);
}

/** template.JSEscapeString. */
export function jsEscape(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '\\' || ch === "'" || ch === '"') out += '\\' + ch;
    else if ('<>&='.includes(ch)) out += '\\u' + c.toString(16).toUpperCase().padStart(4, '0');
    else if (c < 0x20 || !PRINTABLE.test(ch)) out += '\\u' + c.toString(16).toUpperCase().padStart(4, '0');
    else out += ch;
  }
  return out;
}

/** url.QueryEscape. */
export function queryEscape(s: string): string {
  let out = '';
  for (const b of Buffer.from(s, 'utf8')) {
    const ch = String.fromCharCode(b);
    if (/[A-Za-z0-9\-_.~]/.test(ch)) out += ch;
    else if (ch === ' ') out += '+';
    else out += '%' + b.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}
