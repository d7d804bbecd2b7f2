/** Text helpers of the shell lexer: Go's notion of whitespace and the word collector. */

// Go's unicode.IsSpace is exactly Unicode White_Space (JS \s differs on U+0085 and U+FEFF).
export const isSpace = (c: string) => c !== '' && /^\p{White_Space}$/u.test(c);
/** Go's strings.TrimSpace (Unicode White_Space on both ends). */
export const trimSpace = (s: string) => s.replace(/^\p{White_Space}+|\p{White_Space}+$/gu, '');

/** Collects whitespace-separated words; quoted or escaped text never splits. */
export class Words {
  private buf = '';
  private inWord = false;
  readonly words: string[] = [];
  addChar(c: string) {
    if (isSpace(c)) {
      if (this.inWord && this.buf.length) { this.words.push(this.buf); this.buf = ''; this.inWord = false; }
    } else this.addRaw(c);
  }
  addRaw(s: string) { this.buf += s; this.inWord = true; }
  addString(s: string) { for (const c of s) this.addChar(c); }
  finish(): string[] {
    if (this.buf.length) { this.words.push(this.buf); this.buf = ''; this.inWord = false; }
    return this.words;
  }
}

