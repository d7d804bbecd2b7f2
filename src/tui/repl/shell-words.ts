/**
 * Splits a REPL line into argv the way a POSIX shell would for simple commands: whitespace
 * separates words, '…' is literal, "…" allows \" \\ \$ \`, a backslash escapes outside quotes.
 * No expansion: the words go to berth exactly as typed.
 */
export interface SplitResult {
  words: string[];
  /** Set when a quote is left open. */
  error?: string;
}

export function splitWords(line: string): SplitResult {
  const words: string[] = [];
  let cur = '';
  let inWord = false;
  let i = 0;
  while (i < line.length) {
    const c = line[i]!;
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) return { words, error: 'unterminated quote (\')' };
      cur += line.slice(i + 1, end);
      inWord = true;
      i = end + 1;
    } else if (c === '"') {
      i++;
      inWord = true;
      for (;;) {
        if (i >= line.length) return { words, error: 'unterminated quote (")' };
        const d = line[i]!;
        if (d === '"') { i++; break; }
        if (d === '\\' && i + 1 < line.length && '"\\$`'.includes(line[i + 1]!)) { cur += line[i + 1]; i += 2; continue; }
        cur += d;
        i++;
      }
    } else if (c === '\\' && i + 1 < line.length) {
      cur += line[i + 1];
      inWord = true;
      i += 2;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(cur);
      cur = '';
      inWord = false;
      i++;
    } else {
      cur += c;
      inWord = true;
      i++;
    }
  }
  if (inWord) words.push(cur);
  return { words };
}

/** Quotes a word for the line when it needs it (completion of names with spaces). */
export function quoteWord(w: string): string {
  return /^[\w@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`;
}
