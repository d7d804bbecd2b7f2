/**
 * Recursive-descent parser following text/template/parse/parse.go: same grammar, same parse-time
 * checks (unknown functions, undefined variables, misplaced else/end/break), so a template that
 * Go rejects at parse time is rejected here before any data is touched.
 */
import type { EngineError } from '../../lib/errors.js';
import type { Arg, Command, Node, Pipe } from './template-ast.js';
import { parseError } from './template-errors.js';
import { lex, type TokKind, type Token } from './template-lexer.js';

type Marker = { kind: 'else'; pos: number } | { kind: 'end'; pos: number };
const isMarker = (n: Node | Marker): n is Marker => n.kind === 'else' || n.kind === 'end';

const UNSUPPORTED = new Set(['template', 'define', 'block']);

export function parseTemplate(src: string, isFunc: (name: string) => boolean): Node[] {
  return new Parser(src, lex(src), isFunc).parse();
}

class Parser {
  private i = 0;
  private vars = ['$'];
  private rangeDepth = 0;

  constructor(
    private readonly src: string,
    private readonly toks: Token[],
    private readonly isFunc: (name: string) => boolean,
  ) {}

  private fail(pos: number, msg: string): EngineError {
    return parseError(this.src, pos, msg);
  }
  private next(): Token {
    return this.toks[this.i++] ?? this.toks[this.toks.length - 1];
  }
  private peek(): Token {
    return this.toks[this.i] ?? this.toks[this.toks.length - 1];
  }
  private nextNonSpace(): Token {
    let t = this.next();
    while (t.kind === 'space') t = this.next();
    return t;
  }
  private peekNonSpace(): Token {
    while (this.peek().kind === 'space') this.i++;
    return this.peek();
  }
  private expect(kind: TokKind, context: string): Token {
    const t = this.nextNonSpace();
    if (t.kind !== kind) throw this.unexpected(t, context);
    return t;
  }
  private unexpected(t: Token, context: string): EngineError {
    const what = t.kind === 'eof' ? 'EOF' : t.kind === 'right' ? '"}}"' : JSON.stringify(t.val);
    return this.fail(t.pos, `unexpected ${what} in ${context}`);
  }

  parse(): Node[] {
    const list: Node[] = [];
    while (this.peek().kind !== 'eof') {
      const n = this.textOrAction();
      if (isMarker(n)) throw this.fail(n.pos, `unexpected {{${n.kind}}}`);
      list.push(n);
    }
    return list;
  }

  private itemList(context: string): [Node[], Marker] {
    const list: Node[] = [];
    while (this.peekNonSpace().kind !== 'eof') {
      const n = this.textOrAction();
      if (isMarker(n)) return [list, n];
      list.push(n);
    }
    throw this.fail(this.src.length, `unexpected EOF: missing {{end}} for {{${context}}}`);
  }

  private textOrAction(): Node | Marker {
    const t = this.nextNonSpace();
    if (t.kind === 'text') return { kind: 'text', text: t.val };
    if (t.kind === 'left') return this.action();
    throw this.unexpected(t, 'input');
  }

  private action(): Node | Marker {
    const t = this.peekNonSpace();
    if (t.kind === 'keyword') {
      if (UNSUPPORTED.has(t.val)) throw this.fail(t.pos, `{{${t.val}}} is not supported`);
      switch (t.val) {
        case 'if':
        case 'range':
        case 'with':
          this.next();
          return this.control(t.val);
        case 'else':
          this.next();
          // "{{else if" / "{{else with": leave the if/with pending for control() to pick up.
          if (this.peekNonSpace().kind === 'keyword' && ['if', 'with'].includes(this.peek().val)) return { kind: 'else', pos: t.pos };
          this.expect('right', 'else');
          return { kind: 'else', pos: t.pos };
        case 'end':
          this.next();
          this.expect('right', 'end');
          return { kind: 'end', pos: t.pos };
        case 'break':
        case 'continue':
          this.next();
          if (this.rangeDepth === 0) throw this.fail(t.pos, `{{${t.val}}} outside {{range}}`);
          this.expect('right', t.val);
          return { kind: t.val, pos: t.pos };
      }
    }
    return { kind: 'action', pipe: this.pipeline('command', 'right') };
  }

  private control(context: 'if' | 'range' | 'with'): Node {
    const mark = this.vars.length;
    const pipe = this.pipeline(context, 'right');
    if (context === 'range') this.rangeDepth++;
    const [list, next] = this.itemList(context);
    if (context === 'range') this.rangeDepth--;
    let elseList: Node[] | undefined;
    if (next.kind === 'else') {
      const p = this.peek();
      if (p.kind === 'keyword' && (p.val === 'if' || p.val === 'with')) {
        if (p.val !== context) throw this.fail(p.pos, `{{else ${p.val}}} is only allowed after {{${p.val}}}`);
        this.next();
        // {{if a}}x{{else if b}}y{{end}} is {{if a}}x{{else}}{{if b}}y{{end}}{{end}}: one {{end}} closes both.
        elseList = [this.control(context)];
      } else {
        const [els, end] = this.itemList(context);
        if (end.kind !== 'end') throw this.fail(end.pos, 'expected end; found {{else}}');
        elseList = els;
      }
    }
    this.vars.length = mark;
    return { kind: context, pipe, list, elseList };
  }

  private pipeline(context: string, end: 'right' | 'rparen'): Pipe {
    const start = this.peekNonSpace();
    const pipe: Pipe = { decl: [], isAssign: false, cmds: [], pos: start.pos };
    this.declarations(pipe, context);
    for (;;) {
      const t = this.nextNonSpace();
      if (t.kind === end) break;
      if (['bool', 'char', 'dot', 'field', 'ident', 'number', 'string', 'var', 'lparen'].includes(t.kind) || (t.kind === 'keyword' && t.val === 'nil')) {
        this.i--;
        pipe.cmds.push(this.command());
      } else if (t.kind === 'keyword' && UNSUPPORTED.has(t.val)) {
        throw this.fail(t.pos, `{{${t.val}}} is not supported`);
      } else {
        throw this.unexpected(t, context);
      }
    }
    if (pipe.cmds.length === 0) throw this.fail(start.pos, `missing value for ${context}`);
    pipe.cmds.slice(1).forEach((c, n) => {
      const k = c.args[0].kind;
      if (k === 'literal' || k === 'dot' || k === 'nil') throw this.fail(c.pos, `non executable command in pipeline stage ${n + 2}`);
    });
    return pipe;
  }

  private declarations(pipe: Pipe, context: string): void {
    const names: string[] = [];
    for (;;) {
      const save = this.i;
      const v = this.peekNonSpace();
      if (v.kind !== 'var') return;
      this.next();
      const after = this.peekNonSpace();
      if (after.kind === 'declare' || after.kind === 'assign') {
        this.next();
        names.push(v.val);
        pipe.isAssign = after.kind === 'assign';
        const unknown = names.find((n) => !this.vars.includes(n));
        if (pipe.isAssign && unknown) throw this.fail(v.pos, `undefined variable "${unknown}"`);
        pipe.decl = names;
        this.vars.push(...names);
        return;
      }
      if (after.kind === 'comma') {
        this.next();
        names.push(v.val);
        if (context !== 'range' || names.length >= 2) throw this.fail(after.pos, `too many declarations in ${context}`);
        if (this.peekNonSpace().kind !== 'var') throw this.fail(after.pos, 'range can only initialize variables');
        continue;
      }
      if (names.length > 0) throw this.unexpected(after, context);
      this.i = save;
      return;
    }
  }

  private command(): Command {
    const cmd: Command = { args: [], pos: this.peekNonSpace().pos };
    for (;;) {
      this.peekNonSpace();
      const op = this.operand();
      if (op) cmd.args.push(op);
      const t = this.next();
      if (t.kind === 'space') continue;
      if (t.kind === 'right' || t.kind === 'rparen') this.i--;
      else if (t.kind !== 'pipe') throw this.unexpected(t, 'operand');
      break;
    }
    if (cmd.args.length === 0) throw this.fail(cmd.pos, 'empty command');
    return cmd;
  }

  private operand(): Arg | undefined {
    const node = this.term();
    if (!node || this.peek().kind !== 'field') return node;
    const names: string[] = [];
    while (this.peek().kind === 'field') names.push(this.next().val.slice(1));
    switch (node.kind) {
      case 'field':
        return { ...node, names: [...node.names, ...names] };
      case 'var':
        return { ...node, names: [...node.names, ...names] };
      case 'literal':
      case 'dot':
      case 'nil':
        throw this.fail(node.pos, `unexpected . after term "${node.kind === 'literal' ? node.text : node.kind === 'dot' ? '.' : 'nil'}"`);
      default:
        return { kind: 'chain', node, names, pos: node.pos };
    }
  }

  private term(): Arg | undefined {
    const t = this.nextNonSpace();
    switch (t.kind) {
      case 'ident':
        if (!this.isFunc(t.val)) throw this.fail(t.pos, `function "${t.val}" not defined`);
        return { kind: 'ident', name: t.val, pos: t.pos };
      case 'dot':
        return { kind: 'dot', pos: t.pos };
      case 'var':
        if (!this.vars.includes(t.val)) throw this.fail(t.pos, `undefined variable "${t.val}"`);
        return { kind: 'var', name: t.val, names: [], pos: t.pos };
      case 'field':
        return { kind: 'field', names: [t.val.slice(1)], pos: t.pos };
      case 'bool':
        return { kind: 'literal', value: t.val === 'true', text: t.val, pos: t.pos };
      case 'char':
        return { kind: 'literal', value: t.str!.codePointAt(0)!, text: t.val, pos: t.pos };
      case 'number':
        return { kind: 'literal', value: this.number(t), text: t.val, pos: t.pos };
      case 'string':
        return { kind: 'literal', value: t.str!, text: t.val, pos: t.pos };
      case 'lparen':
        return { kind: 'pipe', pipe: this.pipeline('parenthesized pipeline', 'rparen'), pos: t.pos };
      case 'keyword':
        if (t.val === 'nil') return { kind: 'nil', pos: t.pos };
    }
    this.i--;
    return undefined;
  }

  private number(t: Token): number {
    const bad = () => this.fail(t.pos, `illegal number syntax: "${t.val}"`);
    if (t.val.endsWith('i')) throw this.fail(t.pos, `complex number constants are not supported: "${t.val}"`);
    let s = t.val;
    const sign = s.startsWith('-') ? -1 : 1;
    if (s[0] === '-' || s[0] === '+') s = s.slice(1);
    if (s === '' || /^_|_$|__/.test(s)) throw bad();
    const c = s.replace(/_/g, '');
    let v: number;
    if (/^0[xX][0-9a-fA-F]+$/.test(c)) v = parseInt(c.slice(2), 16);
    else if (/^0[oO][0-7]+$/.test(c)) v = parseInt(c.slice(2), 8);
    else if (/^0[bB][01]+$/.test(c)) v = parseInt(c.slice(2), 2);
    else if (/^0[0-7]+$/.test(c)) v = parseInt(c.slice(1), 8); // Go's base-0 rule: leading 0 is octal
    else if (/^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(c)) v = Number(c);
    else throw bad();
    return sign * v;
  }
}
