/**
 * Tab completion for a command line (the TUI's REPL, shell completion later): candidates for the
 * word under the cursor at the end of `line`. Verbs, groups, sub-verbs and flags come from the
 * table; positional words are left to the caller, which knows `def.complete` and the engine.
 */
import type { CommandDef, FlagDef } from './command.js';
import { COMMANDS } from './command-table.js';
import { GLOBAL_FLAGS } from './global-flags.js';
import { parseArgs } from './parse-args.js';
import { findCommand, groupNames, groupWords, isGroup, topLevelVerbs } from './resolve.js';

const flagWords = (defs: FlagDef[]): string[] => [
  ...defs.filter((d) => !d.hidden).flatMap((d) => (d.short ? [`--${d.name}`, `-${d.short}`] : [`--${d.name}`])),
  '--help',
];

/** Drops leading global flags (and their values) so completion sees the verb. */
function skipGlobals(words: string[]): string[] {
  let i = 0;
  while (i < words.length && words[i]!.startsWith('-') && words[i] !== '--') {
    const w = words[i]!;
    const def = w.startsWith('--') ? GLOBAL_FLAGS.find((d) => d.name === w.slice(2)) : GLOBAL_FLAGS.find((d) => d.short === w.slice(1));
    i += def && def.type !== 'bool' && !w.includes('=') ? 2 : 1;
  }
  return words.slice(i);
}

/** run/exec/create: after the image, dashes belong to the container's command. */
function pastFirstArg(def: CommandDef, rest: string[]): boolean {
  try {
    return parseArgs(def.flags, rest, { stopAtFirstArg: true }).args.length > 0;
  } catch {
    return false;
  }
}

export function completeWords(line: string, table: CommandDef[] = COMMANDS): string[] {
  const words = line.trim() === '' ? [] : line.trim().split(/\s+/);
  const current = /\s$/.test(line) || words.length === 0 ? '' : words.pop()!;
  const before = skipGlobals(words);
  let candidates: string[];
  if (before.length === 0) {
    // A `-` here is a global flag when nothing but globals precede it.
    candidates = current.startsWith('-')
      ? flagWords(GLOBAL_FLAGS)
      : [...topLevelVerbs(table).map((v) => v.name), ...groupNames(table), 'help'];
  } else if (before.length === 1 && isGroup(before[0]!, table) && !current.startsWith('-')) {
    candidates = groupWords(before[0]!, table);
  } else {
    const r = findCommand(before, table);
    if (r.kind === 'group' && current.startsWith('-')) candidates = ['--help'];
    else if (r.kind !== 'command' || !current.startsWith('-')) candidates = [];
    else if (r.def.stopAtFirstArg && pastFirstArg(r.def, r.rest)) candidates = [];
    else candidates = flagWords(r.def.flags);
  }
  return [...new Set(candidates)].filter((c) => c.startsWith(current)).sort();
}
