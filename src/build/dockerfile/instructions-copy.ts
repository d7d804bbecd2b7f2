/** FROM, COPY, ADD and ONBUILD (BuildKit instructions/parse.go). */
import { invalid } from '../../lib/errors.js';
import { chompHeredoc, tryParseHeredoc } from './heredoc.js';
import { atLeastOne, type Request } from './instruction-request.js';
import type { AddInstruction, CopyInstruction, FromInstruction, InlineSource, OnbuildInstruction } from './types.js';

const STAGE_NAME = /^[a-z][a-z0-9-_.]*$/;

export function parseFrom(req: Request): FromInstruction {
  const args = req.args;
  let name: string | undefined;
  if (args.length === 3 && args[1]!.toLowerCase() === 'as') {
    name = args[2]!.toLowerCase();
    if (!STAGE_NAME.test(name)) {
      throw invalid(`invalid name for build stage: ${JSON.stringify(args[2])}, name can't start with a number or contain symbols`);
    }
  } else if (args.length !== 1) {
    throw invalid('FROM requires either one or three arguments');
  }
  const f = req.flags.declare({ platform: 'string' }).parse();
  const platform = f.string('platform') || undefined;
  return { kind: 'FROM', ...req.base, image: args[0]!, ...(name ? { name } : {}), ...(platform ? { platform } : {}) };
}

function sourcesAndDest(req: Request, instr: string): { sources: string[]; inline: InlineSource[]; dest: string } {
  const dest = req.args[req.args.length - 1]!;
  if (tryParseHeredoc(dest)) throw invalid(`${instr} cannot accept a heredoc as a destination`);
  const docs = new Map(req.node.heredocs.map((h) => [h.name, h]));
  const sources: string[] = [];
  const inline: InlineSource[] = [];
  for (const src of req.args.slice(0, -1)) {
    const h = tryParseHeredoc(src);
    if (!h) { sources.push(src); continue; }
    const content = docs.get(h.name)?.data ?? '';
    inline.push({ name: h.name, data: h.chomp ? chompHeredoc(content) : content, expand: h.expand });
  }
  return { sources, inline, dest };
}

const noDestination = (instr: string) =>
  invalid(`${instr} requires at least two arguments, but only one was provided. Destination could not be determined`);

export function parseCopy(req: Request): CopyInstruction {
  if (req.args.length < 2) throw noDestination('COPY');
  const f = req.flags.declare({
    chown: 'string', from: 'string', chmod: 'string', link: 'bool', exclude: 'strings', parents: 'bool',
  }).parse();
  const opt = (k: string) => f.string(k) || undefined;
  return {
    kind: 'COPY', ...req.base, ...sourcesAndDest(req, 'COPY'),
    ...defined({ from: opt('from'), chown: opt('chown'), chmod: opt('chmod') }),
    link: f.bool('link'), parents: f.bool('parents'), excludes: f.strings('exclude'),
  };
}

export function parseAdd(req: Request): AddInstruction {
  if (req.args.length < 2) throw noDestination('ADD');
  const f = req.flags.declare({
    chown: 'string', chmod: 'string', link: 'bool', 'keep-git-dir': 'bool', checksum: 'string', unpack: 'bool',
    exclude: 'strings',
  }).parse();
  const opt = (k: string) => f.string(k) || undefined;
  return {
    kind: 'ADD', ...req.base, ...sourcesAndDest(req, 'ADD'),
    ...defined({
      chown: opt('chown'), chmod: opt('chmod'), checksum: opt('checksum'),
      keepGitDir: f.optionalBool('keep-git-dir'), unpack: f.optionalBool('unpack'),
    }),
    link: f.bool('link'), excludes: f.strings('exclude'),
  };
}

export function parseOnbuild(req: Request): OnbuildInstruction {
  if (req.args.length === 0) throw atLeastOne('ONBUILD');
  req.flags.parse();
  const trigger = req.args[0]!.trim().toUpperCase();
  if (trigger === 'ONBUILD') throw invalid('Chaining ONBUILD via `ONBUILD ONBUILD` isn\'t allowed');
  if (trigger === 'MAINTAINER' || trigger === 'FROM') throw invalid(`${trigger} isn't allowed as an ONBUILD trigger`);
  let expression = req.node.original.replace(/^[\t\n\f\r ]*ONBUILD[\t\n\f\r ]*/i, '');
  // The image keeps heredoc bodies inline, so the trigger re-parses to the same instruction.
  for (const h of req.node.heredocs) expression += `\n${h.data}${h.name}`;
  return { kind: 'ONBUILD', ...req.base, expression, trigger };
}

/** Drop undefined values so optional fields are absent rather than present-and-undefined. */
function defined<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
