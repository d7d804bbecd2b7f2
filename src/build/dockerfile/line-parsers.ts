/**
 * Argument shapes of Dockerfile lines (BuildKit parser/line_parsers.go + split_command.go):
 * builder flags, quote-preserving words for ENV/LABEL/ARG, whitespace lists, JSON arrays.
 * Quotes are kept here; expansion (ProcessWord) removes them later.
 */
import { invalid } from '../../lib/errors.js';
import { isSpace, trimSpace } from './shell-lex.js';
import type { KeyValue } from './types.js';

/** Go's reWhitespace: `[\t\v\f\r ]+`. */
const WS = /[\t\v\f\r ]+/;

/** Split off the keyword, then the leading `--flags`; both trimmed as BuildKit does. */
export function splitCommand(line: string, escape: string): { cmd: string; flags: string[]; args: string } {
  const trimmed = trimSpace(line);
  const m = WS.exec(trimmed);
  if (!m) return { cmd: trimmed, flags: [], args: '' };
  const rest = trimmed.slice(m.index + m[0].length);
  const { args, flags } = extractBuilderFlags(rest, escape);
  return { cmd: trimmed.slice(0, m.index), flags, args: trimSpace(args) };
}

/** Leading words that start with `--` are flags (quotes and escapes removed); `--` alone ends them. */
export function extractBuilderFlags(line: string, escape: string): { args: string; flags: string[] } {
  const flags: string[] = [];
  const cs = Array.from(line);
  let i = 0;
  for (;;) {
    while (i < cs.length && isSpace(cs[i]!)) i++;
    if (i >= cs.length) return { args: '', flags };
    if (cs[i] !== '-' || cs[i + 1] !== '-') return { args: cs.slice(i).join(''), flags };
    let word = '';
    let blankOk = false;
    let quote = '';
    for (; i < cs.length; i++) {
      const c = cs[i]!;
      if (quote) {
        if (c === quote) { quote = ''; continue; }
      } else if (isSpace(c)) break;
      else if (c === '"' || c === "'") { quote = c; blankOk = true; continue; }
      if (c === escape) {
        if (i + 1 === cs.length) { quote = ''; continue; }
        word += cs[++i];
        continue;
      }
      word += c;
    }
    if (word === '--') return { args: cs.slice(i).join(''), flags };
    if (blankOk || word.length > 0) flags.push(word);
  }
}

/** Whitespace-separated words keeping quotes and escapes (for later ProcessWord). */
export function parseWords(rest: string, escape: string): string[] {
  const words: string[] = [];
  const cs = Array.from(rest);
  let word = '';
  let inWord = false;
  let blankOk = false;
  let quote = '';
  const flush = () => {
    if (blankOk || word.length > 0) words.push(word);
    word = '';
    inWord = false;
    blankOk = false;
  };
  for (let i = 0; i < cs.length; i++) {
    let c = cs[i]!;
    if (!inWord && !quote) {
      if (isSpace(c)) continue;
      inWord = true;
    }
    if (!quote) {
      if (isSpace(c)) { flush(); continue; }
      if (c === "'" || c === '"') { quote = c; blankOk = true; }
      if (c === escape) {
        if (i + 1 === cs.length) continue;
        // An escape outside quotes is kept with the escaped char, even a quote.
        word += c;
        c = cs[++i]!;
      }
      word += c;
      continue;
    }
    if (c === quote) quote = '';
    if (c === escape && quote !== "'" && c !== quote) {
      if (i + 1 === cs.length) { quote = ''; continue; }
      word += c;
      c = cs[++i]!;
    }
    word += c;
  }
  if (inWord || quote) flush();
  return words;
}

/** ENV and LABEL: `K=V ...`, or the legacy `K value with spaces` when the first word has no `=`. */
export function parseNameVal(rest: string, instr: string, escape: string): KeyValue[] {
  const words = parseWords(rest, escape);
  if (words.length === 0) return [];
  if (!words[0]!.includes('=')) {
    const m = WS.exec(rest);
    if (!m) throw invalid(`${instr} must have two arguments`);
    return [{ key: rest.slice(0, m.index), value: rest.slice(m.index + m[0].length), legacy: true }];
  }
  return words.map((w) => {
    const eq = w.indexOf('=');
    if (eq < 0) throw invalid(`Syntax error - can't find = in ${JSON.stringify(w)}. Must be of the form: name=value`);
    return { key: w.slice(0, eq), value: w.slice(eq + 1), legacy: false };
  });
}

/** EXPOSE, FROM and non-JSON COPY/ADD/VOLUME: split on whitespace, nothing else. */
export function splitWhitespace(rest: string): string[] {
  return rest === '' ? [] : rest.split(WS);
}

/** A JSON array of strings, undefined when the text is not JSON; non-string items throw. */
export function parseJsonArray(rest: string): string[] | undefined {
  const text = rest.replace(/^\p{White_Space}+/u, '');
  if (!text.startsWith('[')) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!Array.isArray(value)) return undefined;
  if (!value.every((v) => typeof v === 'string')) {
    throw invalid('when using JSON array syntax, arrays must be comprised of strings only');
  }
  return value as string[];
}
