/**
 * Help screens in docker's layout (docker/cli cli/cobra.go usageTemplate): root, group and verb.
 * Only the product name differs; section order, two-space indents and padding are docker's.
 */
import type { CommandDef, CommandIO, FlagDef } from './command.js';
import { COMMANDS, COMMON_COMMANDS, groupDescription } from './command-table.js';
import { flagUsages } from './help-flags.js';
import { groupNames, groupVerbs, topLevelVerbs } from './resolve.js';

export const BIN = 'berth';
export const ROOT_DESCRIPTION = 'A daemonless, Docker-compatible container engine';

/** docker wraps option text to the terminal width minus one, or 79 columns off a terminal. */
export function helpColumns(io: CommandIO): number {
  const cols = io.stdout.isTTY ? io.stdout.columns : undefined;
  return (cols && cols > 0 ? cols : 80) - 1;
}

/** cobra's UseLine: "berth image ls [OPTIONS] [REPOSITORY[:TAG]]". */
export function useLine(def: CommandDef, path: string[]): string {
  return [BIN, ...path, def.usage].filter((s) => s !== '').join(' ');
}

// cobra sorts commands by name, bytewise.
const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

// cobra's NamePadding: the longest sibling name, at least 11.
const listing = (rows: { name: string; description: string }[]): string => {
  const pad = Math.max(11, ...rows.map((r) => r.name.length));
  return rows.map((r) => `\n  ${r.name.padEnd(pad)} ${r.description}`).join('');
};

const options = (title: string, flags: FlagDef[], cols: number): string => {
  const text = flagUsages(flags, cols).trimEnd();
  return text === '' ? '' : `\n\n${title}:\n${text}`;
};

export function commandHelp(def: CommandDef, path: string[], cols: number): string {
  let out = `Usage:  ${useLine(def, path)}\n\n${def.description.trim()}`;
  if (def.aliases?.length) {
    // docker lists the canonical path, then aliases under the same group, then top-level ones.
    const aliases = [...def.aliases].sort((a, b) => b.length - a.length);
    out += `\n\nAliases:\n  ${[def.path, ...aliases].map((p) => [BIN, ...p].join(' ')).join(', ')}`;
  }
  return out + options('Options', def.flags, cols) + '\n';
}

export function groupHelp(group: string, table: CommandDef[] = COMMANDS): string {
  const verbs = groupVerbs(group, table).sort((a, b) => byName(a, b));
  return `Usage:  ${BIN} ${group} COMMAND\n\n${groupDescription(group)}\n\nCommands:` +
    listing(verbs.map((v) => ({ name: v.name, description: v.def.description }))) +
    `\n\nRun '${BIN} ${group} COMMAND --help' for more information on a command.\n`;
}

export function rootHelp(globalFlags: FlagDef[], cols: number, table: CommandDef[] = COMMANDS): string {
  const verbs = topLevelVerbs(table);
  const common = COMMON_COMMANDS.flatMap((n) => verbs.filter((v) => v.name === n));
  const others = verbs.filter((v) => !COMMON_COMMANDS.includes(v.name)).sort((a, b) => byName(a, b));
  const groups = groupNames(table).map((g) => ({ name: g, description: groupDescription(g) }));
  const rows = (vs: typeof verbs) => vs.map((v) => ({ name: v.name, description: v.def.description }));
  // One padding for all sections: cobra pads by the root's longest child name.
  const all = [...rows(verbs), ...groups];
  const section = (title: string, r: { name: string; description: string }[]) => {
    if (r.length === 0) return '';
    const pad = Math.max(11, ...all.map((x) => x.name.length));
    return `\n\n${title}:` + r.map((x) => `\n  ${x.name.padEnd(pad)} ${x.description}`).join('');
  };
  return `Usage:  ${BIN} [OPTIONS] COMMAND\n\n${ROOT_DESCRIPTION}` +
    section('Common Commands', rows(common)) + section('Management Commands', groups) + section('Commands', rows(others)) +
    options('Global Options', globalFlags, cols) +
    `\n\nRun '${BIN} COMMAND --help' for more information on a command.\n`;
}
