/** Go string and rune literal decoding (strconv.Unquote) for template constants. */
import type { EngineError } from '../../lib/errors.js';

const SIMPLE: Record<string, number> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, '\\': 92 };

/**
 * Decode the body of a quoted literal. \x and octal escapes are raw bytes, so we collect UTF-8
 * bytes and decode once at the end ("\xe2\x82\xac" is "€" in Go too).
 */
function decode(body: string, quote: string, fail: (msg: string) => EngineError): number[] {
  const bytes: number[] = [];
  const pushRune = (cp: number) => bytes.push(...Buffer.from(String.fromCodePoint(cp), 'utf8'));
  for (let i = 0; i < body.length; ) {
    const cp = body.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    if (ch !== '\\') {
      pushRune(cp);
      i += ch.length;
      continue;
    }
    const e = body[i + 1];
    if (e !== undefined && SIMPLE[e] !== undefined) {
      bytes.push(SIMPLE[e]);
      i += 2;
    } else if (e === quote) {
      bytes.push(quote.charCodeAt(0));
      i += 2;
    } else if (e === 'x' || e === 'u' || e === 'U') {
      const n = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      const hex = body.slice(i + 2, i + 2 + n);
      if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(hex)) throw fail('invalid syntax in escape sequence');
      const v = parseInt(hex, 16);
      if (e === 'x') bytes.push(v);
      else if (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) throw fail('escape sequence is invalid Unicode code point');
      else pushRune(v);
      i += 2 + n;
    } else if (e !== undefined && /[0-7]/.test(e)) {
      const oct = body.slice(i + 1, i + 4);
      if (!/^[0-7]{3}$/.test(oct) || parseInt(oct, 8) > 255) throw fail('invalid octal escape sequence');
      bytes.push(parseInt(oct, 8));
      i += 4;
    } else {
      throw fail(`unknown escape sequence: \\${e ?? ''}`);
    }
  }
  return bytes;
}

export function unquoteString(body: string, fail: (msg: string) => EngineError): string {
  return Buffer.from(decode(body, '"', fail)).toString('utf8');
}

/** A char constant's rune, returned as the one-character string; the parser turns it into a number. */
export function unquoteChar(body: string, fail: (msg: string) => EngineError): string {
  const s = Buffer.from(decode(body, "'", fail)).toString('utf8');
  if ([...s].length !== 1) throw fail(`malformed character constant: '${body}'`);
  return s;
}
