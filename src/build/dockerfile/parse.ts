/**
 * parseDockerfile: text → stages of typed instructions with source positions. Two phases as in
 * docker (syntax for the whole file, then instructions), then stage assembly and the legacy
 * builder's stage-name checks.
 */
import { invalid } from '../../lib/errors.js';
import { DirectiveParser } from './directives.js';
import { atLocation, dockerfileError, reasonOf } from './errors.js';
import { buildInstruction } from './instructions.js';
import { LineReader } from './line-reader.js';
import { readNode, type Node } from './node.js';
import type { ArgInstruction, Dockerfile, Instruction, Stage } from './types.js';

export interface ParseOptions {
  /** Name used in error positions ("Dockerfile" when omitted). */
  file?: string;
}

function readNodes(text: string, file: string): { nodes: Node[]; reader: LineReader } {
  const reader = new LineReader(text, new DirectiveParser(), file);
  const nodes: Node[] = [];
  for (let n = readNode(reader, file); n; n = readNode(reader, file)) nodes.push(n);
  return { nodes, reader };
}

export function parseDockerfile(text: string, opts: ParseOptions = {}): Dockerfile {
  const file = opts.file ?? 'Dockerfile';
  if (text.length === 0) throw invalid(`${file}: the Dockerfile cannot be empty`);
  const { nodes, reader } = readNodes(text, file);
  if (nodes.length === 0) throw invalid(`${file}: file with no instructions`);

  const metaArgs: ArgInstruction[] = [];
  const stages: Stage[] = [];
  for (const node of nodes) {
    const instr = atLocation(file, node.location, () => buildInstruction(node));
    const at = { file, line: node.location.line, column: node.location.column };
    if (instr.kind === 'FROM') {
      const dup = instr.name ? stages.find((s) => s.name === instr.name) : undefined;
      if (dup) {
        throw dockerfileError(at, `duplicate stage name ${JSON.stringify(instr.name)}: already used on line ${dup.from.location.line}`);
      }
      stages.push({ index: stages.length, ...(instr.name ? { name: instr.name } : {}), from: instr, instructions: [] });
    } else if (stages.length === 0) {
      if (instr.kind !== 'ARG') throw dockerfileError(at, 'no build stage in current context');
      metaArgs.push(instr);
    } else {
      stages[stages.length - 1]!.instructions.push(instr);
    }
  }
  if (stages.length === 0) throw invalid(`${file}: dockerfile contains no stages to build`);

  const { escape, values } = reader.directives;
  return {
    file, escape, ...(values.syntax ? { syntax: values.syntax } : {}), directives: { ...values },
    metaArgs, stages, warnings: reader.warnings,
  };
}

/**
 * Parse one ONBUILD trigger from a base image's config (docker re-parses the stored text when
 * a child build starts). The location is where the triggering FROM is.
 */
export function parseTrigger(expression: string, at: { file: string; line: number; column: number }): Instruction {
  let nodes: Node[];
  try {
    nodes = readNodes(expression, at.file).nodes;
  } catch (err) {
    throw dockerfileError(at, reasonOf(err), err);
  }
  if (nodes.length !== 1) throw dockerfileError(at, 'onbuild trigger should be a single expression');
  const loc = { line: at.line, column: at.column, endLine: at.line };
  const node = { ...nodes[0]!, location: loc };
  return atLocation(at.file, loc, () => buildInstruction(node));
}
