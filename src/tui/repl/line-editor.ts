/** Pure single-line editing (readline's basic keys) over {value, cursor}. */
export interface LineState {
  value: string;
  cursor: number;
}

export const emptyLine: LineState = { value: '', cursor: 0 };
export const lineOf = (value: string): LineState => ({ value, cursor: value.length });

/** Applies one key; returns undefined when the key is not an editing key. */
export function editLine(s: LineState, key: string, raw: string, printable: boolean): LineState | undefined {
  const { value, cursor } = s;
  switch (key) {
    case 'left': case 'ctrl-b': return { value, cursor: Math.max(0, cursor - 1) };
    case 'right': case 'ctrl-f': return { value, cursor: Math.min(value.length, cursor + 1) };
    case 'home': case 'ctrl-a': return { value, cursor: 0 };
    case 'end': case 'ctrl-e': return { value, cursor: value.length };
    case 'backspace': case 'ctrl-h':
      return cursor > 0 ? { value: value.slice(0, cursor - 1) + value.slice(cursor), cursor: cursor - 1 } : s;
    case 'delete': case 'ctrl-d':
      return { value: value.slice(0, cursor) + value.slice(cursor + 1), cursor };
    case 'ctrl-u': return { value: value.slice(cursor), cursor: 0 };
    case 'ctrl-k': return { value: value.slice(0, cursor), cursor };
    case 'ctrl-w': {
      const before = value.slice(0, cursor).replace(/\S+\s*$/, '');
      return { value: before + value.slice(cursor), cursor: before.length };
    }
    default:
      if (!printable) return undefined;
      return { value: value.slice(0, cursor) + raw + value.slice(cursor), cursor: cursor + raw.length };
  }
}
