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
  return {
    source: src,
    execute(data: unknown, opts: ExecuteOptions = {}): string {
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
