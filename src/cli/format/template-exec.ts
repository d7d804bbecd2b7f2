/**
 * Executes a parsed template against JS data with Go's semantics (text/template/exec.go):
 * pipelines feed the previous result as the last argument, fields holding functions are called as
 * methods, and/or short-circuit, variables are scoped to their control block.
 */
import { isEngineError } from '../../lib/errors.js';
import { argText, type Arg, type Command, type ControlNode, type Node, type Pipe } from './template-ast.js';
import { FuncCallError, templateError } from './template-errors.js';
import type { FuncDef } from './template-funcs.js';
import { FIELD_RESOLVER, formatForOutput, formatValue, hasFieldResolver, isGoMap, isTrue, mapEntries, mapGet } from './go-value.js';

/** "No final argument": the first command of a pipeline gets none. */
const NONE = Symbol('none');
type Final = unknown;

class Break {}
class Continue {}

export function executeNodes(nodes: Node[], data: unknown, funcs: Record<string, FuncDef>, out: string[]): void {
  new Exec(funcs, out, data).walkList(data, nodes);
}

class Exec {
  private readonly vars: { name: string; value: unknown }[];

  constructor(
    private readonly funcs: Record<string, FuncDef>,
    private readonly out: string[],
    data: unknown,
  ) {
    this.vars = [{ name: '$', value: data }];
  }

  walkList(dot: unknown, list: Node[]): void {
    for (const n of list) this.walk(dot, n);
  }

  private walk(dot: unknown, n: Node): void {
    switch (n.kind) {
      case 'text':
        this.out.push(n.text);
        return;
      case 'action': {
        const v = this.evalPipeline(dot, n.pipe);
        if (n.pipe.decl.length === 0) this.out.push(formatForOutput(v));
        return;
      }
      case 'if':
      case 'with': {
        const mark = this.vars.length;
        const v = this.evalPipeline(dot, n.pipe);
        if (isTrue(v)) this.walkList(n.kind === 'with' ? v : dot, n.list);
        else if (n.elseList) this.walkList(dot, n.elseList);
        this.vars.length = mark;
        return;
      }
      case 'range':
        return this.walkRange(dot, n);
      case 'break':
        throw new Break();
      case 'continue':
        throw new Continue();
    }
  }

  private walkRange(dot: unknown, n: ControlNode): void {
    const outer = this.vars.length;
    const val = this.evalPipeline(dot, n.pipe);
    const mark = this.vars.length;
    const decl = n.pipe.decl;
    let items: [unknown, unknown][];
    if (val === undefined || val === null) items = []; // nil map/slice: an empty range, not an error
    else if (Array.isArray(val)) items = val.map((e, i) => [i, e]);
    else if (isGoMap(val)) items = mapEntries(val);
    else if (typeof val === 'number' && Number.isInteger(val)) {
      if (decl.length > 1) throw templateError(`can't use ${val} to iterate over more than one variable`);
      items = Array.from({ length: Math.max(val, 0) }, (_, i) => [i, i]);
    } else throw templateError(`range can't iterate over ${formatValue(val)}`);
    for (const [index, elem] of items) {
      if (decl.length === 1) this.setVar(decl[0], elem);
      if (decl.length === 2) {
        this.setVar(decl[0], index);
        this.setVar(decl[1], elem);
      }
      try {
        this.walkList(elem, n.list);
      } catch (e) {
        if (e instanceof Break) break;
        if (!(e instanceof Continue)) throw e;
      } finally {
        this.vars.length = mark;
      }
    }
    if (items.length === 0 && n.elseList) this.walkList(dot, n.elseList);
    this.vars.length = outer;
  }

  private setVar(name: string, value: unknown): void {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      if (this.vars[i].name === name) {
        this.vars[i].value = value;
        return;
      }
    }
    throw templateError(`undefined variable: ${name}`);
  }

  private evalPipeline(dot: unknown, pipe: Pipe): unknown {
    let value: Final = NONE;
    for (const cmd of pipe.cmds) value = this.evalCommand(dot, cmd, value);
    for (const name of pipe.decl) {
      if (pipe.isAssign) this.setVar(name, value);
      else this.vars.push({ name, value });
    }
    return value;
  }

  private evalCommand(dot: unknown, cmd: Command, final: Final): unknown {
    const first = cmd.args[0];
    switch (first.kind) {
      case 'field':
        return this.evalFieldChain(dot, dot, first, first.names, cmd.args, final);
      case 'chain':
        return this.evalFieldChain(dot, this.evalArg(dot, first.node), first, first.names, cmd.args, final);
      case 'var':
        return this.evalVariable(dot, first, cmd.args, final);
      case 'ident':
        return this.evalFunction(dot, first.name, cmd, final);
      case 'pipe':
        this.notAFunction(cmd.args, final);
        return this.evalPipeline(dot, first.pipe);
      case 'nil':
        throw templateError('nil is not a command');
      case 'dot':
        this.notAFunction(cmd.args, final);
        return dot;
      case 'literal':
        this.notAFunction(cmd.args, final);
        return first.value;
    }
  }

  private notAFunction(args: Arg[], final: Final): void {
    if (args.length > 1 || final !== NONE) throw templateError(`can't give argument to non-function ${argText(args[0])}`);
  }

  private evalVariable(dot: unknown, v: Extract<Arg, { kind: 'var' }>, args: Arg[], final: Final): unknown {
    const slot = [...this.vars].reverse().find((x) => x.name === v.name);
    if (!slot) throw templateError(`undefined variable: ${v.name}`);
    if (v.names.length === 0) {
      this.notAFunction(args, final);
      return slot.value;
    }
    return this.evalFieldChain(dot, slot.value, v, v.names, args, final);
  }

  private evalFieldChain(dot: unknown, receiver: unknown, node: Arg, names: string[], args: Arg[], final: Final): unknown {
    for (let i = 0; i < names.length - 1; i++) receiver = this.evalField(dot, names[i], node, [node], NONE, receiver);
    return this.evalField(dot, names[names.length - 1], node, args, final, receiver);
  }

  private evalField(dot: unknown, name: string, node: Arg, args: Arg[], final: Final, receiver: unknown): unknown {
    const where = `<${argText(node)}>`;
    // An invalid value (missing map key) stays invalid down the chain, printing "<no value>".
    if (receiver === undefined) return undefined;
    if (receiver === null) throw templateError(`${where}: nil pointer evaluating field ${name}`);
    const hasArgs = args.length > 1 || final !== NONE;
    if (hasFieldResolver(receiver)) return receiver[FIELD_RESOLVER](name, this.evalArgs(dot, args.slice(1), final));
    if (isGoMap(receiver)) {
      if (hasArgs) throw templateError(`${where}: ${name} is not a method but has arguments`);
      return mapGet(receiver, name);
    }
    const obj = receiver as Record<string, unknown>;
    const isStruct = (typeof receiver === 'object' && !Array.isArray(receiver)) || typeof receiver === 'function';
    // Object.prototype members (toString, constructor…) are JS plumbing, not data fields.
    if (!isStruct || !(name in obj) || (name in Object.prototype && obj[name] === (Object.prototype as Record<string, unknown>)[name])) {
      throw templateError(`${where}: unknown field "${name}"`);
    }
    const value = obj[name];
    if (typeof value === 'function') {
      const callArgs = this.evalArgs(dot, args.slice(1), final);
      return this.guard(where, name, () => (value as (...a: unknown[]) => unknown).apply(receiver, callArgs));
    }
    if (hasArgs) throw templateError(`${where}: ${name} has arguments but cannot be invoked as function`);
    return value;
  }

  private evalFunction(dot: unknown, name: string, cmd: Command | { args: Arg[] }, final: Final): unknown {
    const f = this.funcs[name];
    const where = `<${cmd.args.map(argText).join(' ')}>`;
    if (!f) throw templateError(`${where}: function "${name}" not defined`);
    const argNodes = cmd.args.slice(1);
    if (name === 'and' || name === 'or') {
      if (argNodes.length === 0 && final === NONE) throw templateError(`${where}: wrong number of args for ${name}: want at least 1 got 0`);
      let v: unknown;
      for (const a of argNodes) {
        v = this.evalArg(dot, a);
        if (isTrue(v) === (name === 'or')) return v;
      }
      return final === NONE ? v : final;
    }
    const callArgs = this.evalArgs(dot, argNodes, final);
    const n = callArgs.length;
    if (n < f.min || (f.max !== undefined && n > f.max)) {
      const want = f.max === undefined ? `at least ${f.min}` : f.min === f.max ? `${f.min}` : `${f.min} to ${f.max}`;
      throw templateError(`${where}: wrong number of args for ${name}: want ${want} got ${n}`);
    }
    return this.guard(where, name, () => f.fn(...callArgs));
  }

  /** Arguments as Go's functions receive them: an invalid value (undefined) becomes nil. */
  private evalArgs(dot: unknown, nodes: Arg[], final: Final): unknown[] {
    const vals = nodes.map((a) => this.evalArg(dot, a));
    if (final !== NONE) vals.push(final);
    return vals.map((v) => (v === undefined ? null : v));
  }

  private evalArg(dot: unknown, a: Arg): unknown {
    switch (a.kind) {
      case 'dot':
        return dot;
      case 'nil':
        return null;
      case 'literal':
        return a.value;
      case 'pipe':
        return this.evalPipeline(dot, a.pipe);
      case 'ident':
        return this.evalFunction(dot, a.name, { args: [a] }, NONE);
      default:
        return this.evalCommand(dot, { args: [a], pos: a.pos }, NONE);
    }
  }

  private guard(where: string, name: string, run: () => unknown): unknown {
    try {
      return run();
    } catch (e) {
      if (e instanceof FuncCallError) throw templateError(`${where}: error calling ${name}: ${e.message}`);
      if (isEngineError(e)) throw e;
      throw templateError(`${where}: error calling ${name}: ${e instanceof Error ? e.message : String(e)}`, e);
    }
  }
}
