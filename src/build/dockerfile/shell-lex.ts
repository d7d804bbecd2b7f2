/**
 * Docker's Dockerfile word processing (a port of BuildKit's frontend/dockerfile/shell/lex.go):
 * quote removal, escapes, `$VAR` / `${VAR...}` substitution and, for processWords, splitting
 * on whitespace *after* substitution. It is not a shell: no globbing, no command substitution.
 */
import { EngineError, invalid } from '../../lib/errors.js';
import { replacePattern, trimPrefix, trimSuffix } from './shell-pattern.js';
import { isSpace, Words } from './shell-text.js';
import type { VarLookup } from './vars.js';

export { isSpace, trimSpace } from './shell-text.js';
export { NO_VARS, varsOf, type VarLookup } from './vars.js';

export interface LexOptions {
  /** The Dockerfile escape token (`# escape=`): `\` (default) or a backtick. */
  escape?: string;
  /** Keep quote characters in the output (used to detect quoted heredoc delimiters). */
  rawQuotes?: boolean;
  /** Keep escape characters in the output. */
  rawEscapes?: boolean;
  /** Treat quotes as ordinary characters (heredoc bodies). */
  skipProcessQuotes?: boolean;
  /** Leave references to unset variables as written instead of expanding them to "". */
  skipUnsetEnv?: boolean;
}

export interface WordResult {
  result: string;
  words: string[];
  /** Variables that were referenced and set / referenced and unset. */
  matched: Set<string>;
  unmatched: Set<string>;
}

const EOF = '';
const SPECIAL_PARAMS = new Set(['@', '*', '#', '?', '-', '$', '!', '0']);
const isLetter = (c: string) => /^\p{L}$/u.test(c);
const isDigit = (c: string) => /^\p{Nd}$/u.test(c);

class ShellWord {
  private readonly chars: string[];
  private pos = 0;
  private rawEscapes: boolean;
  readonly matched = new Set<string>();
  readonly unmatched = new Set<string>();

  constructor(word: string, private readonly env: VarLookup, private readonly opts: Required<LexOptions>) {
    this.chars = Array.from(word);
    this.rawEscapes = opts.rawEscapes;
  }

  private peek(): string { return this.chars[this.pos] ?? EOF; }
  private next(): string { return this.chars[this.pos++] ?? EOF; }

  /** Current `${…}` nesting; bounded so a hostile word cannot overflow the stack. */
  private depth = 0;

  private nested<T>(fn: () => T): T {
    // Go's growable stacks never overflow; JS's do, and thousands of nested `${A:-${A:-…`
    // made every retry of the heredoc scan overflow and unwind (minutes; found by the fuzzer).
    if (++this.depth > MAX_NESTING) throw invalid(`variable substitutions nested deeper than ${MAX_NESTING}`);
    try {
      return fn();
    } finally {
      this.depth--;
    }
  }

  /** Process until `stop` (consumed) or the end; an unmet `stop` is an error. */
  processStopOn(stop: string, rawEscapes: boolean): [string, string[]] {
    const saved = this.rawEscapes;
    this.rawEscapes = rawEscapes;
    try {
      let result = '';
      const words = new Words();
      while (this.peek() !== EOF) {
        const c = this.peek();
        if (stop !== EOF && c === stop) {
          this.next();
          return [result, words.finish()];
        }
        const special = this.special(c);
        if (special) {
          const tmp = special();
          result += tmp;
          // Only substituted text is split into words; quoted text stays whole.
          if (c === '$') words.addString(tmp); else words.addRaw(tmp);
          continue;
        }
        let ch = this.next();
        if (ch === this.opts.escape) {
          if (this.rawEscapes) { words.addRaw(ch); result += ch; }
          ch = this.next();
          if (ch === EOF) break;
          words.addRaw(ch);
        } else words.addChar(ch);
        result += ch;
      }
      if (stop !== EOF) throw invalid(`unexpected end of statement while looking for matching ${stop}`);
      return [result, words.finish()];
    } finally {
      this.rawEscapes = saved;
    }
  }

  private special(c: string): (() => string) | undefined {
    if (c === '$') return () => this.processDollar();
    if (c === '<') return () => this.processPossibleHeredoc();
    if (this.opts.skipProcessQuotes) return undefined;
    if (c === "'") return () => this.processSingleQuote();
    if (c === '"') return () => this.processDoubleQuote();
    return undefined;
  }

  private processSingleQuote(): string {
    // Everything up to the next ' is literal; a ' cannot be escaped inside.
    let result = '';
    const open = this.next();
    if (this.opts.rawQuotes) result += open;
    for (;;) {
      const c = this.next();
      if (c === EOF) throw invalid('unexpected end of statement while looking for matching single-quote');
      if (c === "'") return this.opts.rawQuotes ? result + c : result;
      result += c;
    }
  }

  private processDoubleQuote(): string {
    // Literal except `$`; the escape token escapes only `"`, `$` and itself.
    let result = '';
    const open = this.next();
    if (this.opts.rawQuotes) result += open;
    for (;;) {
      const p = this.peek();
      if (p === EOF) throw invalid('unexpected end of statement while looking for matching double-quote');
      if (p === '"') {
        const close = this.next();
        return this.opts.rawQuotes ? result + close : result;
      }
      if (p === '$') { result += this.processDollar(); continue; }
      let c = this.next();
      if (c === this.opts.escape) {
        if (this.rawEscapes) result += c;
        const n = this.peek();
        if (n === EOF) continue;
        if (n === '"' || n === '$' || n === this.opts.escape) c = this.next();
      }
      result += c;
    }
  }

  private processPossibleHeredoc(): string {
    this.next();
    if (this.peek() !== '<') return '<';
    this.next();
    let space = '';
    while (this.peek() === '\t' || this.peek() === '\r' || this.peek() === ' ') space += this.next();
    return '<<' + space;
  }

  private processName(): string {
    let name = '';
    while (this.peek() !== EOF) {
      const c = this.peek();
      if (name === '' && isDigit(c)) {
        while (this.peek() !== EOF && isDigit(this.peek())) name += this.next();
        return name;
      }
      if (name === '' && SPECIAL_PARAMS.has(c)) return this.next();
      if (!isLetter(c) && !isDigit(c) && c !== '_') break;
      name += this.next();
    }
    return name;
  }

  private getEnv(name: string): string | undefined {
    const v = this.env.get(name);
    (v === undefined ? this.unmatched : this.matched).add(name);
    return v;
  }

  private processDollar(): string {
    this.next();
    if (this.peek() !== '{') {
      const name = this.processName();
      if (name === '') return '$';
      const value = this.getEnv(name);
      if (value === undefined && this.opts.skipUnsetEnv) return '$' + name;
      return value ?? '';
    }
    this.next();
    const first = this.peek();
    if (first === EOF) throw invalid("syntax error: missing '}'");
    if (first === '{' || first === '}' || first === ':') throw invalid('syntax error: bad substitution');
    const name = this.processName();
    let ch = this.next();
    // Go prints its EOF rune as U+FFFD: "${VAR" → "unsupported modifier (\uFFFD) ...".
    let chs = ch === EOF ? '\uFFFD' : ch;
    if (ch === '}') {
      const value = this.getEnv(name);
      if (value === undefined && this.opts.skipUnsetEnv) return `\${${name}}`;
      return value ?? '';
    }
    if (ch === '/') return this.nested(() => this.processReplace(name));
    let nullIsUnset = false;
    if (ch === ':') {
      nullIsUnset = true;
      ch = this.next();
      chs += ch === EOF ? '\uFFFD' : ch;
    } else if (!['+', '-', '?', '#', '%'].includes(ch)) {
      throw invalid(`unsupported modifier (${chs}) in substitution`);
    }
    return this.nested(() => this.processModifier(name, ch, chs, nullIsUnset));
  }

  private processModifier(name: string, ch: string, chs: string, nullIsUnset: boolean): string {
    const rawEscapes = ch === '#' || ch === '%';
    if (nullIsUnset && rawEscapes) throw invalid(`unsupported modifier (${chs}) in substitution`);
    let word: string;
    try {
      [word] = this.processStopOn('}', rawEscapes);
    } catch (err) {
      if (this.peek() === EOF) throw invalid("syntax error: missing '}'");
      throw err;
    }
    const value = this.getEnv(name);
    const set = value !== undefined;
    if (this.opts.skipUnsetEnv && !set) return `\${${name}${chs}${word}}`;
    const empty = !set || (nullIsUnset && value === '');
    switch (ch) {
      case '-': return empty ? word : value!;
      case '+': return empty ? '' : word;
      case '?':
        if (!set) throw invalid(`${name}: ${word || 'is not allowed to be unset'}`);
        if (nullIsUnset && value === '') throw invalid(`${name}: ${word || 'is not allowed to be empty'}`);
        return value;
      case '%': case '#': {
        // %/# remove the shortest match, %%/## the longest.
        const greedy = word.startsWith(ch);
        const pat = greedy ? word.slice(1) : word;
        return ch === '%' ? trimSuffix(pat, value ?? '', greedy) : trimPrefix(pat, value ?? '', greedy);
      }
      default: throw invalid(`unsupported modifier (${chs}) in substitution`);
    }
  }

  private processReplace(name: string): string {
    const all = this.peek() === '/';
    if (all) this.next();
    const stopped = (stop: string, missing: string) => {
      try {
        return this.processStopOn(stop, true)[0];
      } catch (err) {
        if (this.peek() === EOF) throw invalid(missing);
        throw err;
      }
    };
    const pattern = stopped('/', "syntax error: missing '/' in ${}");
    const replacement = stopped('}', "syntax error: missing '}'");
    const value = this.getEnv(name);
    if (value === undefined && this.opts.skipUnsetEnv) return `\${${name}/${pattern}/${replacement}}`;
    return replacePattern(value ?? '', pattern, replacement, all);
  }
}

const DEFAULTS: Required<LexOptions> = {
  escape: '\\', rawQuotes: false, rawEscapes: false, skipProcessQuotes: false, skipUnsetEnv: false,
};

/** Deepest `${…${…}}` nesting accepted (far beyond any real Dockerfile, far below the JS stack). */
const MAX_NESTING = 200;

/** No single expanded word may be longer (1 MiB; Linux refuses larger env strings anyway). */
const MAX_EXPANDED = 1 << 20;

/** Process one word, reporting which variables were used (BuildKit's ProcessWordWithMatches). */
export function processWordWithMatches(word: string, env: VarLookup, opts: LexOptions = {}): WordResult {
  const sw = new ShellWord(word, env, { ...DEFAULTS, ...opts });
  try {
    const [result, words] = sw.processStopOn(EOF, opts.rawEscapes ?? false);
    // A bound on what one word may become: ARG chains that double (`ARG B=$A$A`, `ARG C=$B$B`, …)
    // otherwise grow exponentially until the process runs out of memory (found by the fuzzer).
    if (result.length > MAX_EXPANDED) throw invalid(`expanded value is longer than ${MAX_EXPANDED} characters`);
    return { result, words, matched: sw.matched, unmatched: sw.unmatched };
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    throw new EngineError('INVALID_ARGUMENT', `failed to process ${JSON.stringify(word)}: ${msg}`, { cause: err });
  }
}

/** Docker's ProcessWord: substitution and quote removal, whitespace kept. */
export function processWord(word: string, env: VarLookup, opts?: LexOptions): string {
  return processWordWithMatches(word, env, opts).result;
}

/** Docker's ProcessWords: as processWord, then split into words (quoted text does not split). */
export function processWords(word: string, env: VarLookup, opts?: LexOptions): string[] {
  return processWordWithMatches(word, env, opts).words;
}
