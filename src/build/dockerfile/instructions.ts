/**
 * Phase two of parsing: a node becomes a typed instruction, with docker's argument checks and
 * messages. The simple instructions live here; see instructions-exec.ts / instructions-copy.ts.
 */
import { invalid } from '../../lib/errors.js';
import { withSuggestion } from './errors.js';
import { atLeastOne, blankNames, exactlyOne, requestOf, type Request } from './instruction-request.js';
import { parseAdd, parseCopy, parseFrom, parseOnbuild } from './instructions-copy.js';
import { parseCmd, parseEntrypoint, parseHealthcheck, parseRun, parseShell } from './instructions-exec.js';
import type { Node } from './node.js';
import type { ArgDecl, Instruction, KeyValue } from './types.js';

export const INSTRUCTION_NAMES = [
  'ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'FROM', 'HEALTHCHECK', 'LABEL', 'MAINTAINER',
  'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR',
] as const;

function pairs(req: Request, instr: string): KeyValue[] {
  req.flags.parse();
  const kvs = req.node.pairs ?? [];
  if (kvs.length === 0) throw atLeastOne(instr);
  if (kvs.some((p) => p.key.length === 0)) throw blankNames(instr);
  return kvs;
}

/** USER, WORKDIR, MAINTAINER: the whole rest of the line is the one argument. */
function single(req: Request, instr: string, parseFlags = true): string {
  if (req.args.length !== 1) throw exactlyOne(instr);
  if (parseFlags) req.flags.parse();
  return req.args[0]!;
}

function parseArgs(req: Request): ArgDecl[] {
  // As in docker, ARG accepts no flags but does not check for them either.
  if (req.args.length === 0) throw atLeastOne('ARG');
  return req.args.map((word) => {
    const eq = word.indexOf('=');
    if (eq < 0) return { key: word };
    if (eq === 0) throw blankNames('ARG');
    return { key: word.slice(0, eq), value: word.slice(eq + 1) };
  });
}

function parseVolumes(req: Request): string[] {
  if (req.args.length === 0) throw atLeastOne('VOLUME');
  req.flags.parse();
  return req.args.map((v) => {
    const t = v.trim();
    if (t === '') throw invalid('VOLUME specified can not be an empty string');
    return t;
  });
}

function parseExpose(req: Request): string[] {
  if (req.args.length === 0) throw atLeastOne('EXPOSE');
  req.flags.parse();
  return [...req.args].sort();
}

/** Build the typed instruction for a node; errors are plain (the caller adds the location). */
export function buildInstruction(node: Node): Instruction {
  const req = requestOf(node);
  const b = req.base;
  switch (node.lower) {
    case 'env': return { kind: 'ENV', ...b, pairs: pairs(req, 'ENV') };
    case 'label': return { kind: 'LABEL', ...b, pairs: pairs(req, 'LABEL') };
    case 'maintainer': return { kind: 'MAINTAINER', ...b, maintainer: single(req, 'MAINTAINER') };
    case 'workdir': return { kind: 'WORKDIR', ...b, path: single(req, 'WORKDIR') };
    case 'user': return { kind: 'USER', ...b, user: single(req, 'USER') };
    // Docker never parses STOPSIGNAL's flags: they are ignored.
    case 'stopsignal': return { kind: 'STOPSIGNAL', ...b, signal: single(req, 'STOPSIGNAL', false) };
    case 'expose': return { kind: 'EXPOSE', ...b, ports: parseExpose(req) };
    case 'volume': return { kind: 'VOLUME', ...b, paths: parseVolumes(req) };
    case 'arg': return { kind: 'ARG', ...b, args: parseArgs(req) };
    case 'from': return parseFrom(req);
    case 'copy': return parseCopy(req);
    case 'add': return parseAdd(req);
    case 'onbuild': return parseOnbuild(req);
    case 'run': return parseRun(req);
    case 'cmd': return parseCmd(req);
    case 'entrypoint': return parseEntrypoint(req);
    case 'shell': return parseShell(req);
    case 'healthcheck': return parseHealthcheck(req);
    default:
      throw invalid(withSuggestion(`unknown instruction: ${node.cmd}`, node.cmd, INSTRUCTION_NAMES, false));
  }
}
