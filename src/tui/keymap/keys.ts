/**
 * Raw terminal input → one key name ("q", "ctrl-c", "shift-tab", "up", "enter"). The keymap and
 * every handler speak these names, so a binding is plain data and docs can print it verbatim.
 * Ink's input parser already splits a chunk into one sequence per key; pastes arrive whole.
 */
const SEQUENCES: Record<string, string> = {
  '\r': 'enter', '\n': 'enter', '\t': 'tab', '\x1b[Z': 'shift-tab', '\x1b': 'esc', '\x7f': 'backspace', '\b': 'backspace',
  ' ': 'space', '\x00': 'ctrl-space', '\x1d': 'ctrl-]', '\x1c': 'ctrl-\\',
  '\x1b[A': 'up', '\x1b[B': 'down', '\x1b[C': 'right', '\x1b[D': 'left',
  '\x1bOA': 'up', '\x1bOB': 'down', '\x1bOC': 'right', '\x1bOD': 'left',
  '\x1b[5~': 'pgup', '\x1b[6~': 'pgdn', '\x1b[3~': 'delete',
  '\x1b[H': 'home', '\x1b[F': 'end', '\x1bOH': 'home', '\x1bOF': 'end',
  '\x1b[1~': 'home', '\x1b[4~': 'end', '\x1b[7~': 'home', '\x1b[8~': 'end',
};

/** The name of one key sequence; printable text (a single character or a paste) is returned as is. */
export function keyName(raw: string): string {
  const known = SEQUENCES[raw];
  if (known) return known;
  if (raw.length === 1) {
    const c = raw.charCodeAt(0);
    // ctrl-a … ctrl-z are 0x01 … 0x1a (tab, enter and backspace were matched above)
    if (c >= 1 && c <= 26) return `ctrl-${String.fromCharCode(c + 96)}`;
  }
  if (raw.length === 2 && raw[0] === '\x1b' && raw[1]! >= ' ') return `alt-${raw[1]}`;
  return raw;
}

/** True for text that belongs in an input line (not a control key or escape sequence). */
export function isPrintable(raw: string): boolean {
  return raw.length > 0 && !/[\x00-\x1f\x7f]/.test(raw);
}

/** Every key name a binding may use besides single printable characters, ctrl-a…z and alt-X. */
export const NAMED_KEYS = new Set(Object.values(SEQUENCES));

/** The bytes a terminal sends for a single-key name (the inverse of keyName), for keys matched on raw input. */
export function rawFor(name: string): string | undefined {
  const hit = Object.entries(SEQUENCES).find(([, n]) => n === name);
  if (hit) return hit[0];
  const ctrl = /^ctrl-([a-z])$/.exec(name);
  if (ctrl) return String.fromCharCode(ctrl[1]!.charCodeAt(0) - 96);
  return [...name].length === 1 ? name : undefined;
}

/** How a key name is written in help and docs: `ctrl-c`, `shift-tab`, `?`. */
export function displayKey(name: string): string {
  return name;
}
