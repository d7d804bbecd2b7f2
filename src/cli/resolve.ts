/**
 * Turns the words after the global flags into a verb, a group, or an unknown command, using the
 * command table only. Shared by the CLI, the TUI's REPL line and completion.
 */
import type { CommandDef } from './command.js';
import { COMMANDS } from './command-table.js';

export type Resolution =
  /** `path` is what docker would call the command: the invoked top-level alias, else the canonical path. */
  | { kind: 'command'; def: CommandDef; path: string[]; rest: string[] }
  /** A group without a verb; `rest` holds only flags. */
  | { kind: 'group'; group: string; rest: string[] }
  | { kind: 'unknown'; group?: string; name: string }
  | { kind: 'none' };

const key = (path: string[]) => path.join(' ');

/** Every way to call each verb, keyed by the joined words. */
function index(table: CommandDef[]): Map<string, { def: CommandDef; path: string[] }> {
  const map = new Map<string, { def: CommandDef; path: string[] }>();
  for (const def of table) {
    map.set(key(def.path), { def, path: def.path });
    for (const alias of def.aliases ?? []) {
      // cobra names a command by its canonical name unless the alias lives under another parent
      // (`image list` is reported as "image ls", but `images` as "images").
      const sameParent = alias.length === def.path.length && key(alias.slice(0, -1)) === key(def.path.slice(0, -1));
      if (!map.has(key(alias))) map.set(key(alias), { def, path: sameParent ? def.path : alias });
    }
  }
  return map;
}

export function isGroup(name: string, table: CommandDef[] = COMMANDS): boolean {
  return table.some((d) => d.path.length > 1 && d.path[0] === name);
}

/** Names callable right after `berth` (verbs and top-level aliases, not groups). */
export function topLevelVerbs(table: CommandDef[] = COMMANDS): { name: string; def: CommandDef }[] {
  return [...index(table)].filter(([k, e]) => !k.includes(' ') && !e.def.hidden).map(([name, e]) => ({ name, def: e.def }));
}

/** Groups with at least one listed verb, sorted (help and completion). */
export function groupNames(table: CommandDef[] = COMMANDS): string[] {
  return [...new Set(table.filter((d) => d.path.length > 1 && !d.hidden).map((d) => d.path[0]!))].sort();
}

/** A group's verbs by canonical name (what `berth image` lists). */
export function groupVerbs(group: string, table: CommandDef[] = COMMANDS): { name: string; def: CommandDef }[] {
  return table.filter((d) => d.path.length === 2 && d.path[0] === group && !d.hidden).map((def) => ({ name: def.path[1]!, def }));
}

/** All names a group accepts, aliases included (for completion). */
export function groupWords(group: string, table: CommandDef[] = COMMANDS): string[] {
  return [...index(table).keys()].filter((k) => k.startsWith(group + ' ')).map((k) => k.slice(group.length + 1));
}

export function findCommand(tokens: string[], table: CommandDef[] = COMMANDS): Resolution {
  if (tokens.length === 0) return { kind: 'none' };
  const map = index(table);
  const first = tokens[0]!;
  const top = map.get(first);
  if (top) return { kind: 'command', def: top.def, path: top.path, rest: tokens.slice(1) };
  if (!isGroup(first, table)) return { kind: 'unknown', name: first };
  // Like cobra's Find, flags before the sub-verb are skipped over and handed to it.
  const at = tokens.findIndex((t, i) => i > 0 && !t.startsWith('-'));
  if (at < 0) return { kind: 'group', group: first, rest: tokens.slice(1) };
  const name = tokens[at]!;
  const sub = map.get(key([first, name]));
  if (!sub) return { kind: 'unknown', group: first, name };
  return { kind: 'command', def: sub.def, path: sub.path, rest: [...tokens.slice(1, at), ...tokens.slice(at + 1)] };
}
