/**
 * Parser directives (`# escape=`, `# syntax=`, `# check=`): only at the very top of the file;
 * the first line that is not a directive (an instruction, a comment, a blank line) ends them.
 * Mirrors BuildKit's DirectiveParser.
 */
import { invalid } from '../../lib/errors.js';
import type { EscapeToken } from './types.js';

const VALID = new Set(['syntax', 'escape', 'check']);
// Go's \s is ASCII [\t\n\f\r ]; JS \s is wider, so spell it out.
const DIRECTIVE = /^([a-zA-Z][a-zA-Z0-9]*)[\t\n\f\r ]*=[\t\n\f\r ]*(.+?)[\t\n\f\r ]*$/s;

export class DirectiveParser {
  private done = false;
  readonly values: Record<string, string> = {};
  escape: EscapeToken = '\\';

  /** Feed one line (newline already trimmed); true when it was a directive. */
  parseLine(line: string): boolean {
    if (this.done) return false;
    if (!line.startsWith('#')) { this.done = true; return false; }
    const m = DIRECTIVE.exec(line.slice(1).replace(/^\p{White_Space}+/u, ''));
    const key = m?.[1]?.toLowerCase();
    if (!m || !key || !VALID.has(key)) { this.done = true; return false; }
    if (Object.hasOwn(this.values, key)) throw invalid(`only one ${key} parser directive can be used`);
    const value = m[2]!;
    this.values[key] = value;
    if (key === 'escape') {
      if (value !== '`' && value !== '\\') throw invalid(`invalid escape token '${value}' does not match \` or \\`);
      this.escape = value;
    }
    return true;
  }
}

/** The line-continuation matcher for an escape token: the token last on the line, unescaped. */
export function continuationRegex(escape: EscapeToken): RegExp {
  const e = '\\' + escape;
  return new RegExp(`([^${e}])${e}[ \\t]*$|^${e}[ \\t]*$`);
}
