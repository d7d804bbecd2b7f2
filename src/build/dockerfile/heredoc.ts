/**
 * Heredoc markers (`<<EOF`, `<<-EOF`, `<<"EOF"`, `3<<EOF`) as BuildKit detects them. The
 * lexer here always uses `\` as escape, whatever `# escape=` says, as BuildKit does.
 */
import { invalid } from '../../lib/errors.js';
import { NO_VARS, processWords } from './shell-lex.js';

export interface HeredocMarker {
  name: string;
  fd: number;
  chomp: boolean;
  expand: boolean;
}

const HEREDOC = /^(\d*)<<(-?)[\t\n\f\r ]*([^<]*)$/;

/** The heredoc a single word introduces, or undefined when it is not one. */
export function parseHeredoc(word: string): HeredocMarker | undefined {
  const m = HEREDOC.exec(word);
  if (!m) return undefined;
  const rest = m[3]!;
  if (rest.length === 0) return undefined;
  const words = processWords(rest, NO_VARS, { skipUnsetEnv: true });
  if (words.length !== 1) return undefined;
  const raw = processWords(rest, NO_VARS, { skipUnsetEnv: true, rawQuotes: true });
  if (raw.length !== words.length) throw invalid(`internal lexing of heredoc produced inconsistent results: ${rest}`);
  // Any quote in the delimiter word (`<<"EOF"`, `<<'EOF'`, `<<E"O"F`) disables expansion.
  const quotes = (s: string) => (s.match(/["']/g) ?? []).length;
  return {
    name: words[0]!,
    fd: m[1] ? Number(m[1]) : 0,
    chomp: m[2] === '-',
    expand: quotes(words[0]!) === quotes(raw[0]!),
  };
}

/** Never throws: BuildKit's MustParseHeredoc. */
export function tryParseHeredoc(word: string): HeredocMarker | undefined {
  try {
    return parseHeredoc(word);
  } catch {
    return undefined;
  }
}

/** Every heredoc introduced on a logical line, in order. */
export function heredocsFromLine(line: string): HeredocMarker[] {
  let words: string[];
  try {
    words = processWords(line, NO_VARS, { rawQuotes: true, rawEscapes: true, skipUnsetEnv: true });
  } catch {
    return []; // BuildKit ignores lexing errors here; the instruction parser reports them.
  }
  const out: HeredocMarker[] = [];
  for (const w of words) {
    const h = parseHeredoc(w);
    if (h) out.push(h);
  }
  return out;
}

/** `<<-` bodies lose the leading tabs of every line. */
export function chompHeredoc(data: string): string {
  // Go's (?m)^ follows only \n (JS's m flag would also follow \r).
  return data.replace(/(^|\n)\t+/g, '$1');
}
