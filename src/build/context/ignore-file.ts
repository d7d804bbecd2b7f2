/**
 * .dockerignore text → patterns, as moby/patternmatcher's ignorefile.ReadAll reads it: BOM
 * stripped, `#` lines skipped (only when `#` is the very first character), lines trimmed,
 * `!` exceptions kept, each pattern cleaned and a leading `/` dropped (paths are relative to
 * the context root either way).
 */
import { trimSpace } from '../dockerfile/shell-text.js';
import { goClean } from './go-path.js';

export function parseDockerignore(text: string): string[] {
  const out: string[] = [];
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  for (const raw of lines) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    // "#" counts only in column 0: " # x" is a pattern named "# x" after trimming.
    if (line.startsWith('#')) continue;
    let pattern = trimSpace(line);
    if (pattern === '') continue;
    const invert = pattern.startsWith('!');
    if (invert) pattern = trimSpace(pattern.slice(1));
    if (pattern.length > 0) {
      pattern = goClean(pattern);
      if (pattern.length > 1 && pattern.startsWith('/')) pattern = pattern.slice(1);
    }
    out.push(invert ? '!' + pattern : pattern);
  }
  return out;
}
