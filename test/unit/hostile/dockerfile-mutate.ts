/**
 * Byte and token mutations of Dockerfile text for the fuzzer: line edits, truncation, hostile
 * tokens (quotes, escapes, `$`/`${`, heredoc markers, NUL, invalid UTF-8, huge lines), mangled
 * JSON arrays, and generators of the shapes that blow up naive parsers (deep `${a:-${b:-…}}`,
 * thousands of continuations or heredocs, long stage chains). Deterministic per case seed.
 */
import { CORPUS } from './dockerfile-corpus.js';
import { caseSeed, rng, type Rng } from '../../helpers/prng.js';

const TOKENS = [
  '"', "'", '\\', '\\\n', '`', '`\n', '$', '${', '}', '${A', '${A:-', '${A:+', '${A?', '${A?err}', '${A#', '${A/', '$(', ':-',
  '<<EOF', '<<-EOF', '<<"EOF"', "<<'E O F'", '<<', '\nEOF\n', 'EOF', '\0', '\uFFFD', '\uD800', '\uDC00', '\u202E', '\r', '\r\n', '\t',
  ' ', '\n', '[', ']', '"]', '["', ',', '[[', '{}', 'null', '1', '-1', '99999999999999999999', '--', '--mount=', '--from=', '--chown=',
  '--chmod=', '--platform=', '--network=', '--interval=', '=', '==', 'AS', ' AS x', '# escape=`\n', '# escape=\\\n', '# escape=x\n',
  '# syntax=x\n', '#', 'ONBUILD ', 'ONBUILD ONBUILD ', 'FROM ', 'FROM x\n', 'ARG ', 'ENV ', 'COPY ', 'RUN ', 'HEALTHCHECK ', 'CMD ',
  'type=cache,', 'target=', 'from=', ',,', 'source=', 'SHELL ', 'scratch', '0', '1', '.wh.', '..', '/../',
];

const KEYWORDS = ['FROM', 'ARG', 'ENV', 'WORKDIR', 'COPY', 'ADD', 'RUN', 'CMD', 'ENTRYPOINT', 'EXPOSE', 'VOLUME', 'USER', 'LABEL',
  'SHELL', 'HEALTHCHECK', 'ONBUILD', 'STOPSIGNAL', 'MAINTAINER'];

type Mutation = (text: string, r: Rng) => string;

const lines = (t: string) => t.split('\n');
const at = (t: string, r: Rng) => r.int(t.length + 1);
const insert = (t: string, i: number, s: string) => t.slice(0, i) + s + t.slice(i);

/** Repeat `s` a size drawn from small to huge (the huge tier is what catches blow-ups). */
const many = (r: Rng) => r.pick([2, 10, 100, 1000, 5000]);

const MUTATIONS: Mutation[] = [
  (t, r) => { const l = lines(t); l.splice(r.int(l.length), 1); return l.join('\n'); },
  (t, r) => { const l = lines(t); const i = r.int(l.length); l.splice(i, 0, l[i]!); return l.join('\n'); },
  (t, r) => { const l = lines(t); const i = r.int(l.length); const j = r.int(l.length); [l[i], l[j]] = [l[j]!, l[i]!]; return l.join('\n'); },
  (t, r) => t.slice(0, r.int(t.length + 1)),
  (t, r) => insert(t, at(t, r), r.pick(TOKENS)),
  (t, r) => insert(t, at(t, r), r.pick(TOKENS).repeat(many(r))),
  (t, r) => { const i = r.int(t.length); return t.slice(0, i) + String.fromCharCode(r.int(r.chance(0.5) ? 256 : 0x10000)) + t.slice(i + 1); },
  (t, r) => t.slice(0, r.int(t.length)) + t.slice(r.int(t.length)),
  // invalid UTF-8 bytes, decoded as the builder decodes a Dockerfile read from disk
  (t, r) => {
    const b = Buffer.from(t, 'utf8');
    const i = r.int(b.length + 1);
    const bad = Buffer.from(r.pick([[0xff], [0xfe, 0xff], [0xc3], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0x80]]));
    return Buffer.concat([b.subarray(0, i), bad, b.subarray(i)]).toString('utf8');
  },
  (t, r) => insert(t, at(t, r), 'x'.repeat(r.pick([1000, 100_000, 300_000]))),
  // mangle a JSON array: drop a bracket or quote, add a comma, nest, or put a non-string in it
  (t, r) => {
    const i = t.indexOf('[', r.int(t.length));
    if (i < 0) return t;
    const j = t.indexOf(']', i);
    const edit = r.pick(['drop-close', 'quote', 'comma', 'nest', 'number', 'escape']);
    switch (edit) {
      case 'drop-close': return j < 0 ? t : t.slice(0, j) + t.slice(j + 1);
      case 'quote': return insert(t, i + 1 + r.int(Math.max(1, (j < 0 ? t.length : j) - i)), '"');
      case 'comma': return j < 0 ? t : insert(t, j, ',');
      case 'nest': return insert(t, i, '['.repeat(many(r)));
      case 'number': return insert(t, i + 1, '1e999, ');
      default: return insert(t, i + 1, '"\\u12", "\\');
    }
  },
  (t, r) => { const l = lines(t); const i = r.int(l.length); l[i] = r.pick(KEYWORDS) + ' ' + (l[i] ?? ''); return l.join('\n'); },
  (t, r) => { const l = lines(t); const i = r.int(l.length); l[i] = (l[i] ?? '').replace(/^\s*\S+/, r.pick(KEYWORDS)); return l.join('\n'); },
  (t, r) => t.replaceAll(r.pick(['"', "'", '[', ']', '\\', '$', '=', ' ', '\n', 'EOF', 'AS']), r.pick(['', '"', '\\', '$', '\n', ' ', '\\\n'])),
  // blow-up shapes
  (t, r) => { const n = many(r); return insert(t, at(t, r), 'ENV X=' + '${A:-'.repeat(n) + 'v' + '}'.repeat(r.chance(0.8) ? n : r.int(n)) + '\n'); },
  (t, r) => insert(t, at(t, r), 'RUN a' + ' \\\n'.repeat(many(r)) + 'b\n'),
  (t, r) => insert(t, at(t, r), ('RUN <<EOF\nx\n' + (r.chance(0.5) ? 'EOF\n' : '')).repeat(many(r))),
  (t, r) => insert(t, at(t, r), 'RUN <<A' + ' <<A'.repeat(many(r)) + '\n'),
  (t) => t + Array.from({ length: 300 }, (_, i) => `FROM s${i} AS s${i + 1}\nCOPY --from=s${i} /a /a\n`).join(''),
  (t, r) => t + Array.from({ length: many(r) }, (_, i) => `ARG A${i}=\${A${i - 1}}\${A${i - 1}}\n`).join(''),
  (t, r) => insert(t, at(t, r), 'ONBUILD '.repeat(many(r)) + 'RUN x\n'),
  (t, r) => insert(t, at(t, r), 'RUN ' + '--mount=type=cache,target=/t '.repeat(many(r)) + 'x\n'),
  (t, r) => insert(t, at(t, r), 'EXPOSE ' + '${P} '.repeat(many(r)) + '\n'),
];

/** Case i of a run: a corpus entry with 1–4 mutations. */
export function mutateCase(seed: number, i: number): string {
  const r = rng(caseSeed(seed, i));
  let text = r.pick(CORPUS);
  const n = 1 + r.int(4);
  for (let k = 0; k < n; k++) text = r.pick(MUTATIONS)(text, r);
  return text;
}
