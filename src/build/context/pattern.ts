// One .dockerignore pattern, compiled as moby/patternmatcher compiles it: `*` → `[^/]*`,
// `?` → `[^/]`, `**` → `(.*/)?` (`**` at the end → `.*`), `[...]` classes, `\` escapes, with
// exact / prefix / suffix fast paths whose quirks are kept (`**file` also matches "xfile").
// (A line comment: the patterns above would end a block comment.)
import { invalid } from '../../lib/errors.js';
import { BAD_PATTERN } from './glob-syntax.js';

type MatchType = 'exact' | 'prefix' | 'suffix' | 'regexp';

const GO_ESCAPED = new Set(['.', '+', '(', ')', '|', '{', '}', '$']);
const JS_SYNTAX = new Set(['^', '$', '\\', '.', '*', '+', '?', '(', ')', '[', ']', '{', '}', '|', '/']);
// Escapes that mean the same in Go's RE2 and in JS regexps.
const SHARED_ESCAPES = new Set(['d', 'D', 'w', 'W', 's', 'S', 'b', 'B', 'n', 't', 'r', 'f', 'v']);

/** JS regexp text for Go's `\c` (Go accepts any escaped ASCII punctuation). */
function escaped(c: string, inClass: boolean): string {
  if (JS_SYNTAX.has(c)) return '\\' + c;
  if (c === '-') return inClass ? '\\-' : '-';
  if (/^[!-/:-@[-`{-~]$/.test(c)) return c;
  if (SHARED_ESCAPES.has(c)) return '\\' + c;
  throw invalid(BAD_PATTERN);
}

export class Pattern {
  private type?: MatchType;
  private re?: RegExp;
  private failed = false;

  constructor(readonly cleaned: string, readonly exclusion: boolean) {}

  toString(): string { return this.cleaned; }

  private compile(): void {
    const cs = Array.from(this.cleaned);
    let reg = '^';
    let type: MatchType = 'exact';
    let inClass = false;
    for (let i = 0, p = 0; p < cs.length; i++) {
      const ch = cs[p++]!;
      if (ch === '*') {
        if (cs[p] === '*') {
          p++;
          if (cs[p] === '/') p++; // treat `**/` as `**`
          if (p >= cs.length) {
            if (type === 'exact') type = 'prefix';
            else { reg += '.*'; type = 'regexp'; }
          } else {
            reg += '(.*/)?';
            type = 'regexp';
          }
          if (i === 0) type = 'suffix';
        } else {
          reg += '[^/]*';
          type = 'regexp';
        }
      } else if (ch === '?') {
        reg += '[^/]';
        type = 'regexp';
      } else if (GO_ESCAPED.has(ch)) {
        reg += '\\' + ch;
      } else if (ch === '\\') {
        if (p < cs.length) {
          reg += escaped(cs[p++]!, inClass);
          type = 'regexp';
        } else reg += '\\\\';
      } else if (ch === '[' || ch === ']') {
        // Track classes: JS (unlike Go) rejects a bare `]` outside one.
        if (ch === '[') inClass = true;
        reg += ch === ']' && !inClass ? '\\]' : ch;
        if (ch === ']') inClass = false;
        type = 'regexp';
      } else {
        reg += ch;
      }
    }
    this.type = type;
    if (type === 'regexp') this.re = new RegExp(reg + '$', 'u');
  }

  /** Match a clean slash path. A pattern that fails to compile fails every match (as in Go). */
  match(path: string): boolean {
    if (this.failed) throw invalid(BAD_PATTERN);
    if (!this.type) {
      try {
        this.compile();
      } catch (err) {
        this.failed = true;
        throw invalid(BAD_PATTERN, err);
      }
    }
    switch (this.type) {
      case 'exact': return path === this.cleaned;
      case 'prefix': return path.startsWith(this.cleaned.slice(0, -2));
      case 'suffix': {
        const suffix = this.cleaned.slice(2);
        if (path.endsWith(suffix)) return true;
        return suffix.startsWith('/') && path === suffix.slice(1); // `**/foo` matches "foo"
      }
      default: return this.re!.test(path);
    }
  }
}
