/**
 * Tokenizer for Go's text/template syntax with the default {{ }} delimiters, including the
 * "{{- " / " -}}" trim markers and comment actions (slash-star … star-slash). Mirrors text/template/parse/lex.go
 * closely enough that the same inputs are accepted and rejected.
 */
import { parseError } from './template-errors.js';
import { unquoteChar, unquoteString } from './template-literals.js';

export type TokKind =
  | 'text' | 'left' | 'right' | 'space' | 'field' | 'var' | 'ident' | 'keyword' | 'string'
  | 'number' | 'char' | 'bool' | 'dot' | 'pipe' | 'lparen' | 'rparen' | 'declare' | 'assign' | 'comma' | 'eof';

export interface Token {
  kind: TokKind;
  val: string;
  pos: number;
  /** Decoded literal: string contents, or the rune of a char constant. */
  str?: string;
}

const KEYWORDS = new Set(['block', 'break', 'continue', 'define', 'else', 'end', 'if', 'range', 'nil', 'template', 'with']);
const isSpace = (c: string | undefined) => c === ' ' || c === '\t' || c === '\r' || c === '\n';
const isAlnum = (c: string | undefined) => c !== undefined && /^[\p{L}\p{N}_]$/u.test(c);
const TRAILING_WS = /[ \t\r\n]+$/;
const LEADING_WS = /^[ \t\r\n]+/;

export function lex(src: string): Token[] {
  const toks: Token[] = [];
  let pos = 0;
  let trimNext = false;
  const fail = (at: number, msg: string) => parseError(src, at, msg);
  /** " -}}" or "}}" at p: returns [length, trims] or undefined. */
  const atRight = (p: number): [number, boolean] | undefined => {
    if (isSpace(src[p]) && src.startsWith('-}}', p + 1)) return [4, true];
    if (src.startsWith('}}', p)) return [2, false];
    return undefined;
  };
  /** Identifiers, fields and variables must be followed by a separator, as in Go. */
  const checkTerminator = (e: number) => {
    if (e < src.length && !atRight(e) && !/[ \t\r\n.,|:()]/.test(src[e])) throw fail(e, `bad character ${JSON.stringify(src[e])}`);
  };
  while (pos < src.length) {
    const start = src.indexOf('{{', pos);
    let text = src.slice(pos, start < 0 ? src.length : start);
    if (trimNext) text = text.replace(LEADING_WS, '');
    trimNext = false;
    if (start < 0) {
      if (text) toks.push({ kind: 'text', val: text, pos });
      break;
    }
    let p = start + 2;
    if (src[p] === '-' && isSpace(src[p + 1])) {
      text = text.replace(TRAILING_WS, '');
      p += 2;
    }
    if (text) toks.push({ kind: 'text', val: text, pos });
    if (src.startsWith('/*', p)) {
      const end = src.indexOf('*/', p + 2);
      if (end < 0) throw fail(start, 'unclosed comment');
      const right = atRight(end + 2);
      if (!right) throw fail(start, 'comment ends before closing delimiter');
      pos = end + 2 + right[0];
      trimNext = right[1];
      continue;
    }
    toks.push({ kind: 'left', val: '{{', pos: start });
    let depth = 0;
    for (;;) {
      const right = atRight(p);
      if (right) {
        if (depth > 0) throw fail(p, 'unclosed left paren');
        toks.push({ kind: 'right', val: '}}', pos: p });
        p += right[0];
        trimNext = right[1];
        break;
      }
      if (p >= src.length) throw fail(start, 'unclosed action');
      const c = src[p];
      const at = p;
      const push = (kind: TokKind, end: number, str?: string) => {
        toks.push({ kind, val: src.slice(at, end), pos: at, str });
        p = end;
      };
      if (isSpace(c)) {
        let e = p;
        // Stop before a space that begins a " -}}" trim marker.
        while (isSpace(src[e]) && !src.startsWith('-}}', e + 1)) e++;
        push('space', e === p ? p + 1 : e);
      } else if (c === '=') push('assign', p + 1);
      else if (c === ':') {
        if (src[p + 1] !== '=') throw fail(p, 'expected :=');
        push('declare', p + 2);
      } else if (c === '|') push('pipe', p + 1);
      else if (c === ',') push('comma', p + 1);
      else if (c === '(') {
        depth++;
        push('lparen', p + 1);
      } else if (c === ')') {
        if (--depth < 0) throw fail(p, `unexpected right paren`);
        push('rparen', p + 1);
      } else if (c === '"') {
        let e = p + 1;
        while (e < src.length && src[e] !== '"' && src[e] !== '\n') e += src[e] === '\\' ? 2 : 1;
        if (src[e] !== '"') throw fail(p, 'unterminated quoted string');
        push('string', e + 1, unquoteString(src.slice(p + 1, e), (m) => fail(at, m)));
      } else if (c === '`') {
        const e = src.indexOf('`', p + 1);
        if (e < 0) throw fail(p, 'unterminated raw quoted string');
        push('string', e + 1, src.slice(p + 1, e).replace(/\r/g, ''));
      } else if (c === "'") {
        let e = p + 1;
        while (e < src.length && src[e] !== "'" && src[e] !== '\n') e += src[e] === '\\' ? 2 : 1;
        if (src[e] !== "'") throw fail(p, 'unterminated character constant');
        push('char', e + 1, unquoteChar(src.slice(p + 1, e), (m) => fail(at, m)));
      } else if (c === '$') {
        let e = p + 1;
        while (isAlnum(src[e])) e++;
        checkTerminator(e);
        push('var', e);
      } else if (c === '.' && !/[0-9]/.test(src[p + 1] ?? '')) {
        let e = p + 1;
        while (isAlnum(src[e])) e++;
        checkTerminator(e);
        push(e === p + 1 ? 'dot' : 'field', e);
      } else if (/[0-9+\-.]/.test(c)) {
        const m = /^[+-]?(0[xX][0-9a-fA-F_]*(\.[0-9a-fA-F_]*)?([pP][+-]?[0-9_]+)?|0[oO][0-7_]*|0[bB][01_]*|[0-9_]*(\.[0-9_]*)?([eE][+-]?[0-9_]+)?)i?/.exec(src.slice(p))!;
        const e = p + m[0].length;
        if (isAlnum(src[e])) throw fail(p, `bad number syntax: "${src.slice(p, e + 1)}"`);
        push('number', e);
      } else if (isAlnum(c)) {
        let e = p;
        while (isAlnum(src[e])) e++;
        const word = src.slice(p, e);
        checkTerminator(e);
        push(KEYWORDS.has(word) ? 'keyword' : word === 'true' || word === 'false' ? 'bool' : 'ident', e);
      } else {
        const cp = src.codePointAt(p)!;
        throw fail(p, `unrecognized character in action: U+${cp.toString(16).toUpperCase().padStart(4, '0')} ${JSON.stringify(String.fromCodePoint(cp))}`);
      }
    }
    pos = p;
  }
  toks.push({ kind: 'eof', val: '', pos: src.length });
  return toks;
}
