/**
 * Physical lines → logical instruction lines, as BuildKit's parser.Parse reads them: comments
 * and blank lines skipped, escape-token continuations joined (comment lines and blank lines
 * inside a continuation are skipped), directives consumed, heredoc bodies read on request.
 */
import { continuationRegex, DirectiveParser } from './directives.js';
import { dockerfileError, reasonOf } from './errors.js';
import type { ParseWarning } from './types.js';

export interface LogicalLine {
  text: string;
  line: number;
  column: number;
}

const trimNewline = (s: string) => s.replace(/[\r\n]+$/, '');
const leadingSpace = (s: string) => /^\p{White_Space}*/u.exec(s)![0];
const isComment = (s: string) => s.slice(leadingSpace(s).length).startsWith('#');

export class LineReader {
  private readonly raw: string[];
  private pos = 0;
  /** Number of physical lines consumed so far (= 1-based number of the last one read). */
  lineNo = 0;
  readonly warnings: ParseWarning[] = [];

  constructor(text: string, readonly directives: DirectiveParser, private readonly file: string) {
    // Keep line endings, as heredoc bodies include them.
    this.raw = text === '' ? [] : text.split(/(?<=\n)/);
    if (this.raw.length) this.raw[0] = this.raw[0]!.replace(/^\uFEFF/, '');
  }

  private take(): string | undefined {
    if (this.pos >= this.raw.length) return undefined;
    this.lineNo++;
    return this.raw[this.pos++];
  }

  private continuation(line: string): [string, boolean] {
    const re = continuationRegex(this.directives.escape);
    return re.test(line) ? [line.replace(re, '$1'), false] : [line, true];
  }

  /** The next logical line, or undefined at the end. */
  next(): LogicalLine | undefined {
    for (;;) {
      const first = this.take();
      if (first === undefined) return undefined;
      const untrimmed = trimNewline(first);
      const lead = leadingSpace(untrimmed);
      const line = untrimmed.slice(lead.length);
      this.directive(line);
      const start = this.lineNo;
      if (isComment(line)) continue;
      let [text, end] = this.continuation(line);
      if (end && text.length === 0) continue;
      let emptyContinuation = false;
      while (!end) {
        const rawNext = this.take();
        if (rawNext === undefined) break;
        const piece = trimNewline(rawNext);
        this.directive(piece);
        if (isComment(piece)) continue;
        if (leadingSpace(piece).length === piece.length) { emptyContinuation = true; continue; }
        const [rest, isEnd] = this.continuation(piece);
        text += rest;
        end = isEnd;
      }
      if (emptyContinuation) {
        this.warnings.push({ line: this.lineNo, message: `Empty continuation line found in: ${text}` });
      }
      return { text, line: start, column: Array.from(lead).length + 1 };
    }
  }

  private directive(line: string): void {
    try {
      this.directives.parseLine(line);
    } catch (err) {
      throw dockerfileError({ file: this.file, line: this.lineNo, column: 1 }, reasonOf(err), err);
    }
  }

  /** Read a heredoc body up to its terminator line; undefined when the file ends first. */
  readHeredoc(name: string, chomp: boolean): string | undefined {
    let content = '';
    for (;;) {
      const raw = this.take();
      if (raw === undefined) return undefined;
      let candidate = trimNewline(raw);
      if (chomp) candidate = candidate.replace(/^\t+/, '');
      if (candidate === name) return content;
      content += raw;
    }
  }
}
