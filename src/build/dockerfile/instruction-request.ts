/** What every phase-two instruction builder receives (BuildKit's parseRequest). */
import { invalid } from '../../lib/errors.js';
import { Flags } from './flags.js';
import type { Node } from './node.js';
import { trimSpace } from './shell-lex.js';
import type { CommandLine, SourceLocation } from './types.js';

export interface Request {
  node: Node;
  flags: Flags;
  args: string[];
  base: { keyword: string; location: SourceLocation; source: string };
}

export function requestOf(node: Node): Request {
  // ONBUILD's arguments are its trigger's keyword followed by the trigger's arguments.
  const args = node.lower === 'onbuild' ? (node.child ? [node.child.cmd, ...node.child.args] : []) : node.args;
  return {
    node,
    flags: new Flags(node.flags),
    args,
    base: { keyword: node.cmd, location: node.location, source: trimSpace(node.original) },
  };
}

export const atLeastOne = (instr: string) => invalid(`${instr} requires at least one argument`);
export const exactlyOne = (instr: string) => invalid(`${instr} requires exactly one argument`);
export const blankNames = (instr: string) => invalid(`${instr} names can not be blank`);

/** Shell form joins the words back into one string; exec form keeps the array. */
export function handleJsonArgs(args: string[], json: boolean): string[] {
  if (args.length === 0) return [];
  return json ? args : [args.join(' ')];
}

export function commandLine(req: Request): CommandLine {
  return {
    args: handleJsonArgs(req.args, req.node.json),
    shell: !req.node.json,
    files: req.node.heredocs.map((h) => ({ ...h })),
  };
}
