/**
 * `--format` templates: the subset of Go's text/template that docker users write, with
 * docker/cli's extra functions. Compile once, execute per item.
 *
 *   compileTemplate('{{.ID}}\t{{join .Names ","}}').execute(container)
 *
 * Data model: plain objects are structs (unknown field → error), Maps and asMap() objects are Go
 * maps (missing key → "<no value>"), functions found as fields are called like Go methods.
 */
import type { Node } from './template-ast.js';
import { executeNodes } from './template-exec.js';
import { BUILTIN_FUNCS, normalizeFuncs, type FuncMap } from './template-funcs.js';
import { parseTemplate } from './template-parser.js';
import { hasFieldResolver, isGoMap } from './go-value.js';

export { asMap, FIELD_RESOLVER, type DynamicFields } from './go-value.js';
export { BUILTIN_FUNCS, toInt, toStr, type FuncDef, type FuncMap, type TemplateFn } from './template-funcs.js';

export interface ExecuteOptions {
  /** Replace functions for this run, like Go's tmpl.Funcs() after Parse (table headers use it). */
  funcs?: FuncMap;
  /** On an execution error return what was written so far instead of throwing (docker's header rendering). */
  partial?: boolean;
}

export interface Template {
  readonly source: string;
  execute(data: unknown, options?: ExecuteOptions): string;
}

export interface CompileOptions {
  /** Extra functions (or overrides of builtins), known at parse time like Go's Funcs before Parse. */
  funcs?: FuncMap;
}

export function compileTemplate(src: string, options: CompileOptions = {}): Template {
  const funcs = { ...BUILTIN_FUNCS, ...normalizeFuncs(options.funcs) };
  const nodes: Node[] = parseTemplate(src, (name) => Object.hasOwn(funcs, name));
  const fast = fieldsOnly(nodes);
  return {
    source: src,
    execute(data: unknown, opts: ExecuteOptions = {}): string {
      if (fast) {
        const line = fastExecute(fast, data);
        if (line !== undefined) return line;
      }
      const out: string[] = [];
      const table = opts.funcs ? { ...funcs, ...normalizeFuncs(opts.funcs) } : funcs;
      try {
        executeNodes(nodes, data, table, out);
      } catch (e) {
        if (!opts.partial) throw e;
      }
      return out.join('');
    },
  };
}

/**
 * The default tables (`{{.ID}}\t{{.Repository}}…`) are only text and top-level fields: for a
 * plain object whose fields are strings the result is their concatenation, which skips the
 * evaluator's per-field checks on every row (bench/: `images` with 200 tags). Anything else
 * (Maps, methods, missing or non-string fields) returns undefined and takes the full path,
 * so output and errors never differ.
 */
type FastPart = { text: string } | { field: string };

function fieldsOnly(nodes: Node[]): FastPart[] | undefined {
  const parts: FastPart[] = [];
  for (const n of nodes) {
    if (n.kind === 'text') { parts.push({ text: n.text }); continue; }
    if (n.kind !== 'action' || n.pipe.decl.length || n.pipe.isAssign || n.pipe.cmds.length !== 1) return undefined;
    const args = n.pipe.cmds[0]!.args;
    const a = args[0];
    if (args.length !== 1 || a?.kind !== 'field' || a.names.length !== 1) return undefined;
    parts.push({ field: a.names[0]! });
  }
  return parts;
}

function fastExecute(parts: FastPart[], data: unknown): string | undefined {
  if (typeof data !== 'object' || data === null || Object.getPrototypeOf(data) !== Object.prototype) return undefined;
  if (isGoMap(data) || hasFieldResolver(data)) return undefined;
  let line = '';
  for (const p of parts) {
    if ('text' in p) { line += p.text; continue; }
    if (!Object.hasOwn(data, p.field)) return undefined;
    const v = (data as Record<string, unknown>)[p.field];
    if (typeof v !== 'string') return undefined;
    line += v;
  }
  return line;
}
