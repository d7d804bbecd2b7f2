/**
 * The syntax check moby's patternmatcher runs on every pattern (Go's filepath.Match error
 * cases): unterminated `[`, empty or malformed ranges, a trailing `\`.
 */
import { invalid } from '../../lib/errors.js';

export const BAD_PATTERN = 'syntax error in pattern';
const bad = () => invalid(BAD_PATTERN);

/** One range endpoint (getEsc): not `-` or `]`, possibly escaped, and not the chunk's end. */
function endpoint(cs: string[], i: number): number {
  if (i >= cs.length || cs[i] === '-' || cs[i] === ']') throw bad();
  if (cs[i] === '\\') {
    i++;
    if (i >= cs.length) throw bad();
  }
  i++;
  if (i >= cs.length) throw bad();
  return i;
}

/** Throws INVALID_ARGUMENT "syntax error in pattern" where Go's filepath.Match would. */
export function checkGlobSyntax(pattern: string): void {
  const cs = Array.from(pattern);
  for (let i = 0; i < cs.length;) {
    const c = cs[i]!;
    if (c === '[') {
      i++;
      if (cs[i] === '^') i++;
      for (let n = 0; ; n++) {
        if (cs[i] === ']' && n > 0) { i++; break; }
        i = endpoint(cs, i);
        if (cs[i] === '-') i = endpoint(cs, i + 1);
      }
    } else if (c === '\\') {
      if (i + 1 >= cs.length) throw bad();
      i += 2;
    } else {
      i++;
    }
  }
}
