/**
 * moby/patternmatcher's PatternMatcher: patterns in order, the last one that matches decides,
 * `!` patterns re-include. A path also counts as matched when one of its parent directories
 * matches (so `node_modules` excludes `node_modules/x/i.js`).
 */
import { invalid } from '../../lib/errors.js';
import { checkGlobSyntax } from './glob-syntax.js';
import { trimSpace } from '../dockerfile/shell-text.js';
import { goClean, goDir } from './go-path.js';
import { Pattern } from './pattern.js';

/** Per-pattern results for a directory, handed to its children (MatchesUsingParentResults). */
export type MatchInfo = readonly boolean[];

export class PatternMatcher {
  readonly patterns: Pattern[] = [];
  /** Whether any `!` pattern exists (excluded directories may then need descending). */
  readonly exclusions: boolean = false;

  constructor(patterns: readonly string[]) {
    for (const raw of patterns) {
      let p = trimSpace(raw);
      if (p === '') continue;
      p = goClean(p);
      let exclusion = false;
      if (p.startsWith('!')) {
        if (p.length === 1) throw invalid('illegal exclusion pattern: "!"');
        exclusion = true;
        p = p.slice(1);
        this.exclusions = true;
      }
      checkGlobSyntax(p);
      this.patterns.push(new Pattern(p, exclusion));
    }
  }

  /** The paths a parent-directory check looks at: "a", "a/b" for "a/b/c". */
  private static parents(file: string): string[] {
    const dir = goDir(file);
    if (dir === '.') return [];
    const parts = dir.split('/');
    return parts.map((_, i) => parts.slice(0, i + 1).join('/'));
  }

  /** Whether `file` (a slash path relative to the context) is excluded. */
  matchesOrParentMatches(file: string): boolean {
    let matched = false;
    const parents = PatternMatcher.parents(file);
    for (const pattern of this.patterns) {
      // An exclusion can only flip a match, an inclusion only a non-match.
      if (pattern.exclusion !== matched) continue;
      let match = pattern.match(file);
      if (!match) match = parents.some((p) => pattern.match(p));
      if (match) matched = !pattern.exclusion;
    }
    return matched;
  }

  /**
   * The walking variant (what `docker build` uses while archiving): `parent` holds the results
   * of the parent directory, so a pattern that matched the parent matches the child.
   */
  matchesUsingParentResults(file: string, parent?: MatchInfo): [boolean, MatchInfo] {
    if (parent && parent.length !== 0 && parent.length !== this.patterns.length) {
      throw invalid('wrong number of values in parentMatched');
    }
    let matched = false;
    const info: boolean[] = new Array(this.patterns.length).fill(false);
    this.patterns.forEach((pattern, i) => {
      let match = parent?.[i] ?? false;
      if (!match) {
        if (pattern.exclusion !== matched) return;
        match = pattern.match(file);
        if (!match && (!parent || parent.length === 0)) {
          match = PatternMatcher.parents(file).some((p) => pattern.match(p));
        }
      }
      info[i] = match;
      if (match) matched = !pattern.exclusion;
    });
    return [matched, info];
  }

  /**
   * The deprecated Matches, still what the docker CLI uses to decide whether the Dockerfile and
   * .dockerignore need re-including: only the parent at the pattern's own depth is checked.
   */
  legacyMatches(file: string): boolean {
    const clean = goClean(file);
    if (clean === '.') return false;
    let matched = false;
    const dir = goDir(clean);
    const dirs = dir.split('/');
    for (const pattern of this.patterns) {
      if (pattern.exclusion !== matched) continue;
      let match = pattern.match(clean);
      const depth = pattern.cleaned.split('/').length;
      if (!match && dir !== '.' && depth <= dirs.length) match = pattern.match(dirs.slice(0, depth).join('/'));
      if (match) matched = !pattern.exclusion;
    }
    return matched;
  }
}
