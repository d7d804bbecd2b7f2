/** docs/keybindings.md and the `?` overlay, both rendered from the keymap table. */
import { KEYMAP, SCOPE_TITLES, type Binding, type Scope } from './bindings.js';

const SCOPES = Object.keys(SCOPE_TITLES) as Scope[];

export interface HelpSection {
  title: string;
  rows: { keys: string; help: string }[];
}

export const formatKeys = (keys: string[]): string => keys.join(', ');

function note(e: Binding): string {
  if (e.destructive) return `${e.help} (asks first; off in read-only mode)`;
  if (e.mutating) return `${e.help} (off in read-only mode)`;
  return e.help;
}

/** One section per scope, in table order. */
export function helpSections(table: Binding[] = KEYMAP): HelpSection[] {
  return SCOPES.map((scope) => ({
    title: SCOPE_TITLES[scope],
    rows: table.filter((e) => e.scope === scope).map((e) => ({ keys: formatKeys(e.keys), help: note(e) })),
  })).filter((s) => s.rows.length > 0);
}

const cell = (s: string) => s.replace(/\|/g, '\\|');

/** The generated markdown; scripts/gen-keybindings.mjs writes it to docs/keybindings.md. */
export function keybindingsMarkdown(table: Binding[] = KEYMAP): string {
  const out = [
    '# berth shell key bindings',
    '',
    '<!-- Generated from src/tui/keymap/bindings.ts by `node scripts/gen-keybindings.mjs`; do not edit. -->',
    '',
    'Open the shell with `berth` (no arguments, on a terminal) or `berth tui [--read-only] [--theme NAME]`.',
    '',
  ];
  for (const s of helpSections(table)) {
    out.push(`## ${s.title}`, '', '| Keys | Action |', '|---|---|');
    for (const r of s.rows) out.push(`| ${cell(r.keys.split(', ').map((k) => '`' + k + '`').join(', '))} | ${cell(r.help)} |`);
    out.push('');
  }
  return out.join('\n');
}
