/**
 * The shell patterns of `${VAR#pat}`, `${VAR%pat}` and `${VAR/pat/repl}`, as BuildKit's
 * shell lexer implements them (frontend/dockerfile/shell/lex.go): `*` and `?` wildcards,
 * backslash escapes for `*`, `?` and `\`, no bracket expressions.
 */
import { invalid } from '../../lib/errors.js';

const REGEX_SPECIAL = new Set(['[', ']', '{', '}', '.', '+', '(', ')', '|', '^', '$']);

/** Convert a shell wildcard pattern to a regexp; `greedy` picks `.*` over `.*?` for `*`. */
export function shellPatternToRegex(pattern: string, greedy: boolean, anchored: boolean): RegExp {
  const chars = Array.from(pattern);
  let out = anchored ? '^' : '';
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (c === '*') { out += greedy ? '.*' : '.*?'; continue; }
    if (c === '?') { out += '.'; continue; }
    if (c === '\\') {
      // `}` and `/` are escaped only so they do not end the ${...} word; the escape is not
      // part of the pattern.
      const next = chars[i + 1];
      if (next === '}' || next === '/') continue;
      i++;
      if (next !== '*' && next !== '?' && next !== '\\') {
        throw invalid(`invalid escape '\\${next ?? ''}'`);
      }
      out += '\\' + next;
      continue;
    }
    if (REGEX_SPECIAL.has(c)) out += '\\';
    out += c;
  }
  return new RegExp(out, 'u');
}

function compile(pattern: string, greedy: boolean, anchored: boolean): RegExp {
  try {
    return shellPatternToRegex(pattern, greedy, anchored);
  } catch (err) {
    throw invalid(`invalid pattern (${pattern}) in substitution: ${(err as Error).message}`);
  }
}

/** `${VAR#pat}` / `${VAR##pat}`: drop the shortest (or longest) matching prefix. */
export function trimPrefix(pattern: string, value: string, greedy: boolean): string {
  const m = compile(pattern, greedy, true).exec(value);
  return m ? value.slice(m.index + m[0].length) : value;
}

/** Reverse a pattern without splitting escapes apart: `a\*c` → `c\*a`. */
export function reversePattern(pattern: string): string {
  const chars = Array.from(pattern);
  const out: string[] = new Array(chars.length);
  const last = chars.length - 1;
  for (let i = 0; i <= last;) {
    const c = chars[i]!;
    if (c === '\\' && i !== last) {
      out[last - i - 1] = c;
      out[last - i] = chars[i + 1]!;
      i += 2;
    } else {
      out[last - i] = c;
      i++;
    }
  }
  return out.join('');
}

const reverseString = (s: string) => Array.from(s).reverse().join('');

/**
 * `${VAR%pat}` / `${VAR%%pat}`: a regexp cannot find the shortest rightmost match, so both
 * the value and the pattern are reversed and the suffix becomes a prefix (as BuildKit does).
 */
export function trimSuffix(pattern: string, value: string, greedy: boolean): string {
  return reverseString(trimPrefix(reversePattern(pattern), reverseString(value), greedy));
}

/** `${VAR/pat/repl}` (first match) and `${VAR//pat/repl}` (every match). */
export function replacePattern(value: string, pattern: string, replacement: string, all: boolean): string {
  const re = compile(pattern, true, false);
  if (all) return value.replace(new RegExp(re.source, 'gu'), () => replacement);
  const m = re.exec(value);
  return m ? value.slice(0, m.index) + replacement + value.slice(m.index + m[0].length) : value;
}
