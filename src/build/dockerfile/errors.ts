/**
 * Dockerfile errors: INVALID_ARGUMENT with "file:line:col: message" text and the position in
 * `detail`, so surfaces can point at the source without parsing the message.
 */
import { EngineError, isEngineError } from '../../lib/errors.js';
import type { SourceLocation } from './types.js';

export interface ErrorPosition {
  file: string;
  line: number;
  column: number;
}

export function dockerfileError(pos: ErrorPosition, message: string, cause?: unknown): EngineError {
  return new EngineError('INVALID_ARGUMENT', `${pos.file}:${pos.line}:${pos.column}: ${message}`, {
    cause,
    detail: { file: pos.file, line: pos.line, column: pos.column, reason: message },
  });
}

/** The message without any location prefix (for re-wrapping lexer errors). */
export function reasonOf(err: unknown): string {
  if (isEngineError(err) && typeof err.detail?.reason === 'string') return err.detail.reason;
  return err instanceof Error ? err.message : String(err);
}

/** Run `fn`, turning any failure into a located Dockerfile error (already-located ones pass). */
export function atLocation<T>(file: string, loc: SourceLocation, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (isEngineError(err) && typeof err.detail?.file === 'string') throw err;
    throw dockerfileError({ file, line: loc.line, column: loc.column }, reasonOf(err), err);
  }
}

/** Levenshtein distance (unit costs), for "did you mean" suggestions. */
function distance(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[y.length]!;
}

/**
 * BuildKit's suggest.Search: the closest option within distance 2, or undefined when the value
 * is itself an option. Case-insensitive search returns the option in the value's case.
 */
export function suggest(value: string, options: readonly string[], caseSensitive: boolean): string | undefined {
  const val = caseSensitive ? value : value.toLowerCase();
  let best: string | undefined;
  let min = 3;
  for (const raw of options) {
    const opt = caseSensitive ? raw : raw.toLowerCase();
    if (opt === val) return undefined;
    const d = distance(val, opt);
    if (d < min) {
      min = d;
      best = caseSensitive ? opt : matchCase(opt, value);
    }
  }
  return best;
}

function matchCase(opt: string, orig: string): string {
  if (orig === orig.toLowerCase()) return opt.toLowerCase();
  if (orig === orig.toUpperCase()) return opt.toUpperCase();
  return opt;
}

export function withSuggestion(message: string, value: string, options: readonly string[], caseSensitive: boolean): string {
  const s = suggest(value, options, caseSensitive);
  return s ? `${message} (did you mean ${s}?)` : message;
}
