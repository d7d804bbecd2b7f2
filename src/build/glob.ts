/**
 * Go's path/filepath.Match, which the legacy builder uses for COPY/ADD wildcards: `*` and `?`
 * stop at `/`, `[...]` classes (with `^` negation and ranges), `\` escapes. A malformed pattern
 * matches nothing (docker ignores Match's error).
 */

/** moby's containsWildcards: an unescaped `*`, `?` or `[`. */
export function containsWildcards(name: string): boolean {
  for (let i = 0; i < name.length; i++) {
    const c = name[i];
    if (c === '\\') i++;
    else if (c === '*' || c === '?' || c === '[') return true;
  }
  return false;
}

const escapeRe = (c: string) => (/[\\^$.*+?()[\]{}|/-]/.test(c) ? `\\${c}` : c);

/** The pattern as an anchored regexp, or undefined when Go would report ErrBadPattern. */
export function globRegExp(pattern: string): RegExp | undefined {
  const cs = Array.from(pattern);
  let re = '^';
  for (let i = 0; i < cs.length; i++) {
    const c = cs[i]!;
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '\\') {
      if (++i >= cs.length) return undefined;
      re += escapeRe(cs[i]!);
    } else if (c === '[') {
      let cls = '[';
      i++;
      if (cs[i] === '^') { cls += '^'; i++; }
      let n = 0;
      for (;; n++) {
        if (i >= cs.length) return undefined;
        if (cs[i] === ']' && n > 0) break;
        let lo = cs[i]!;
        if (lo === '\\') { if (++i >= cs.length) return undefined; lo = cs[i]!; } else if (lo === '-' || lo === ']') return undefined;
        cls += escapeRe(lo);
        if (cs[i + 1] === '-' && cs[i + 2] !== undefined && cs[i + 2] !== ']') {
          i += 2;
          let hi = cs[i]!;
          if (hi === '\\') { if (++i >= cs.length) return undefined; hi = cs[i]!; }
          if (hi < lo) return undefined;
          cls += `-${escapeRe(hi)}`;
        }
        i++;
      }
      re += cls + ']';
    } else {
      re += escapeRe(c);
    }
  }
  try {
    return new RegExp(re + '$', 'su');
  } catch {
    return undefined;
  }
}

export function goMatch(pattern: string, name: string): boolean {
  return globRegExp(pattern)?.test(name) ?? false;
}
