/** Parse tree for the supported text/template subset (see text/template/parse/node.go). */

export type Arg =
  | { kind: 'field'; names: string[]; pos: number } // .A.B
  | { kind: 'var'; name: string; names: string[]; pos: number } // $x.A.B, $
  | { kind: 'dot'; pos: number }
  | { kind: 'nil'; pos: number }
  | { kind: 'ident'; name: string; pos: number } // function name
  | { kind: 'chain'; node: Arg; names: string[]; pos: number } // (pipeline).A.B
  | { kind: 'pipe'; pipe: Pipe; pos: number } // (pipeline)
  | { kind: 'literal'; value: string | number | boolean; text: string; pos: number };

export interface Command {
  args: Arg[];
  pos: number;
}

export interface Pipe {
  /** Declared or assigned variables, e.g. ["$k", "$v"] for `range $k, $v := .M`. */
  decl: string[];
  isAssign: boolean;
  cmds: Command[];
  pos: number;
}

export interface ControlNode {
  kind: 'if' | 'with' | 'range';
  pipe: Pipe;
  list: Node[];
  elseList?: Node[];
}

export type Node =
  | { kind: 'text'; text: string }
  | { kind: 'action'; pipe: Pipe }
  | ControlNode
  | { kind: 'break' | 'continue'; pos: number };

/** Source text of an operand, for error messages like Go's "<.Config.Nope>". */
export function argText(a: Arg): string {
  switch (a.kind) {
    case 'field':
      return '.' + a.names.join('.');
    case 'var':
      return [a.name, ...a.names].join('.');
    case 'dot':
      return '.';
    case 'nil':
      return 'nil';
    case 'ident':
      return a.name;
    case 'chain':
      return `(${argText(a.node)}).${a.names.join('.')}`;
    case 'pipe':
      return `(${a.pipe.cmds.map((c) => c.args.map(argText).join(' ')).join(' | ')})`;
    case 'literal':
      return a.text;
  }
}
