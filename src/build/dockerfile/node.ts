/**
 * Phase one of parsing (BuildKit's parser package): each logical line becomes a node of
 * keyword, flags and arguments in the shape its instruction takes, with heredoc bodies read.
 * Typed instructions are built from nodes in phase two (instructions.ts), so syntax errors
 * anywhere in the file are reported before instruction errors, as docker does.
 */
import { dockerfileError, reasonOf } from './errors.js';
import { heredocsFromLine } from './heredoc.js';
import type { LineReader, LogicalLine } from './line-reader.js';
import { parseJsonArray, parseNameVal, parseWords, splitCommand, splitWhitespace } from './line-parsers.js';
import { isSpace } from './shell-lex.js';
import type { HeredocFile, KeyValue, SourceLocation } from './types.js';

export interface Node {
  /** The keyword as written. */
  cmd: string;
  lower: string;
  flags: string[];
  args: string[];
  /** ENV and LABEL pairs. */
  pairs?: KeyValue[];
  /** Exec (JSON array) form. */
  json: boolean;
  heredocs: HeredocFile[];
  original: string;
  location: SourceLocation;
  /** ONBUILD's trigger. */
  child?: Node;
}

type LineParser = (rest: string, escape: string) => Pick<Node, 'args' | 'json' | 'pairs'>;

const maybeJson: LineParser = (rest) => {
  if (rest === '') return { args: [], json: false };
  const arr = parseJsonArray(rest);
  return arr ? { args: arr, json: true } : { args: [rest], json: false };
};
const maybeJsonList: LineParser = (rest) => {
  const arr = parseJsonArray(rest);
  return arr ? { args: arr, json: true } : { args: splitWhitespace(rest), json: false };
};
const whitespace: LineParser = (rest) => ({ args: splitWhitespace(rest), json: false });
const wholeString: LineParser = (rest) => ({ args: rest === '' ? [] : [rest], json: false });
const nameVal = (instr: string): LineParser => (rest, esc) => {
  const pairs = parseNameVal(rest, instr, esc);
  return { args: pairs.flatMap((p) => [p.key, p.value]), pairs, json: false };
};
/** HEALTHCHECK: the first word is the type (CMD/NONE); the rest is like CMD. */
const health: LineParser = (rest, esc) => {
  const cs = Array.from(rest);
  let sep = 0;
  while (sep < cs.length && !isSpace(cs[sep]!)) sep++;
  if (sep === 0) return { args: [], json: false };
  let next = sep;
  while (next < cs.length && isSpace(cs[next]!)) next++;
  const cmd = maybeJson(cs.slice(next).join(''), esc);
  return { args: [cs.slice(0, sep).join(''), ...cmd.args], json: cmd.json };
};

const PARSERS: Record<string, LineParser> = {
  add: maybeJsonList, copy: maybeJsonList, volume: maybeJsonList,
  arg: (rest, esc) => ({ args: parseWords(rest, esc), json: false }),
  cmd: maybeJson, entrypoint: maybeJson, run: maybeJson, shell: maybeJson,
  env: nameVal('ENV'), label: nameVal('LABEL'),
  expose: whitespace, from: whitespace,
  healthcheck: health,
  maintainer: wholeString, stopsignal: wholeString, user: wholeString, workdir: wholeString,
};

const HEREDOC_INSTRUCTIONS = new Set(['add', 'copy', 'run']);

function nodeFromText(text: string, escape: string, location: SourceLocation, nested = false): Node {
  const { cmd, flags, args: rest } = splitCommand(text, escape);
  const lower = cmd.toLowerCase();
  const node: Node = { cmd, lower, flags, args: [], json: false, heredocs: [], original: text, location };
  if (lower === 'onbuild') {
    // One level only: `ONBUILD ONBUILD` is refused by its instruction anyway, and re-splitting the
    // rest at every level of `ONBUILD ONBUILD …` was quadratic (seconds; found by the fuzzer).
    if (rest !== '' && !nested) node.child = nodeFromText(rest, escape, location, true);
    return node;
  }
  const parser = PARSERS[lower];
  if (parser) Object.assign(node, parser(rest, escape));
  return node;
}

function canContainHeredoc(node: Node): boolean {
  const n = node.lower === 'onbuild' && node.child ? node.child : node;
  return HEREDOC_INSTRUCTIONS.has(n.lower) && !n.json;
}

/** Read the next node, heredoc bodies included; undefined at the end of the file. */
export function readNode(reader: LineReader, file: string): Node | undefined {
  const logical: LogicalLine | undefined = reader.next();
  if (!logical) return undefined;
  const location: SourceLocation = { line: logical.line, column: logical.column, endLine: reader.lineNo };
  const at = (err: unknown) => dockerfileError({ file, line: location.line, column: location.column }, reasonOf(err), err);
  let node: Node;
  try {
    node = nodeFromText(logical.text, reader.directives.escape, location);
    if (canContainHeredoc(node) && logical.text.includes('<<')) {
      for (const h of heredocsFromLine(logical.text)) {
        const data = reader.readHeredoc(h.name, h.chomp);
        if (data === undefined) throw new Error('unterminated heredoc');
        node.heredocs.push({ name: h.name, data, chomp: h.chomp, expand: h.expand, fd: h.fd });
      }
    }
  } catch (err) {
    throw at(err);
  }
  location.endLine = reader.lineNo;
  return node;
}
