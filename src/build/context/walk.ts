/**
 * Walk a build context the way `docker build` archives it (moby/go-archive TarWithOptions):
 * lexical order, symlinks not followed, excluded files skipped, excluded directories skipped
 * unless an exception pattern starts with that directory's path (`!keep/a.log` makes `keep`
 * worth descending into; a wildcard exception such as `!*.log` does not).
 */
import { promises as fsp, type Stats } from 'node:fs';
import { join } from 'node:path';
import { EngineError, errnoCode, notFound, toEngineError } from '../../lib/errors.js';
import { buildFilesToRemove, keepBuildFiles } from './ignore-rules.js';
import { PatternMatcher, type MatchInfo } from './pattern-matcher.js';

export interface ContextEntry {
  /** Slash path relative to the context root. */
  rel: string;
  abs: string;
  /** lstat of the entry. */
  stat: Stats;
  /**
   * The Dockerfile or .dockerignore, sent only because docker always sends them although the
   * ignore patterns exclude them: the builder must leave it out of what COPY/ADD see.
   */
  buildFile?: true;
}

export interface WalkOptions {
  /** The Dockerfile's path relative to the context (slash-separated); "Dockerfile" by default. */
  dockerfile?: string;
  signal?: AbortSignal;
}

/** Go's byte-wise string order (UTF-8), which os.ReadDir sorts by. */
const byteOrder = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

/** May anything under excluded directory `rel` be re-included by an exception pattern? */
function exceptionUnder(pm: PatternMatcher, rel: string): boolean {
  if (!pm.exclusions) return false;
  const dirSlash = rel + '/';
  return pm.patterns.some((p) => p.exclusion && (p.cleaned + '/').startsWith(dirSlash));
}

export async function* walkContext(
  dir: string, patterns: readonly string[], opts: WalkOptions = {},
): AsyncGenerator<ContextEntry> {
  const dockerfile = opts.dockerfile ?? 'Dockerfile';
  const pm = new PatternMatcher(keepBuildFiles(patterns, dockerfile));
  const removed = new Set(buildFilesToRemove(patterns, dockerfile));

  async function* visit(absDir: string, relDir: string, parentInfo: MatchInfo | undefined): AsyncGenerator<ContextEntry> {
    let names: string[];
    try {
      names = (await fsp.readdir(absDir)).sort(byteOrder);
    } catch (err) {
      if (errnoCode(err) !== 'ENOENT') throw toEngineError(err);
      if (relDir === '') throw notFound(`context directory ${dir} does not exist`, err);
      return; // removed while walking: docker skips it too
    }
    for (const name of names) {
      if (opts.signal?.aborted) throw new EngineError('CANCELED', 'context walk canceled', { cause: opts.signal.reason });
      const rel = relDir ? `${relDir}/${name}` : name;
      const abs = join(absDir, name);
      let stat: Stats;
      try {
        stat = await fsp.lstat(abs);
      } catch (err) {
        if (errnoCode(err) === 'ENOENT') continue;
        throw toEngineError(err);
      }
      const [skip, info] = pm.matchesUsingParentResults(rel, parentInfo);
      if (skip) {
        if (stat.isDirectory() && exceptionUnder(pm, rel)) yield* visit(abs, rel, info);
        continue;
      }
      yield { rel, abs, stat, ...(removed.has(rel) ? { buildFile: true as const } : {}) };
      if (stat.isDirectory()) yield* visit(abs, rel, info);
    }
  }

  yield* visit(dir, '', undefined);
}
