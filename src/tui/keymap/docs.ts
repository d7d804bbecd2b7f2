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
  out.push(...REPL_DOC, ...CONFIG_DOC);
  return out.join('\n');
}

/** What the command line does besides running `berth …` in a terminal tab. */
const REPL_DOC = [
  '## Command line, pulls, pushes, builds and pop-out',
  '',
  '- Any berth command runs in a terminal tab, exactly as the CLI. `pull`, `push`, `login` and `build` run inside the',
  '  shell instead, in a tab of their own: pulls and pushes draw a progress bar per layer; a registry that answers 401',
  '  opens the login prompt (server, user, masked password) and the operation runs again after the login; a build',
  '  draws a line per step, and `c` opens the cache panel (CACHED, or the first input that changed). `login',
  '  --password-stdin`, `build -` (stdin), `build -f` outside the context and `--iidfile` run in a terminal tab.',
  '- `!COMMAND` (e.g. `!exec -it web sh`) starts the command popped out: it gets the whole terminal. `F` on a shown',
  '  session tab pops it out later. `ctrl-]` (or the session ending) brings the shell back, redrawn; the session',
  '  keeps running in its tab.',
  '',
];

/** How to remap keys and pick the theme from berth's config file (keymap/config.ts implements it). */
const CONFIG_DOC = [
  '## Remapping keys and choosing the theme',
  '',
  'berth\'s config file, `<root>/config.json` (`/var/lib/berth/config.json` by default, the same file as the',
  'registry settings), takes a `tui` section:',
  '',
  '```json',
  '{',
  '  "tui": {',
  '    "theme": "light",',
  '    "keys": {',
  '      "containers.stop": "z",',
  '      "containers.start": ["S", "ctrl+s"],',
  '      "global.quit": ["q", "ctrl+q"]',
  '    }',
  '  }',
  '}',
  '```',
  '',
  '- Each entry of `keys` is `"<scope>.<action>"`: a scope (`global`, `containers`, `images`, `volumes`, `main`, `logs`,',
  '  `inspect`, `layers`, `session`, `build`, `dialog`, `filter`, `repl`, `terminal`, `help`) and an action of that scope (the',
  '  `?` overlay lists them). The value is one key or a list; it replaces that action\'s keys.',
  '- Keys: one character (`S`, `?`), a name (`enter`, `esc`, `tab`, `shift-tab`, `space`, `up`, `down`, `left`, `right`,',
  '  `pgup`, `pgdn`, `home`, `end`, `delete`, `backspace`), `ctrl+x` or `alt+x` (`ctrl-x` works too). `ctrl+h`, `ctrl+i`,',
  '  `ctrl+j` and `ctrl+m` are not accepted: terminals send them as backspace, tab and enter.',
  '- A key taken from another action of the same scope moves: the other action keeps its remaining keys (or only its',
  '  `x` menu entry). Two entries claiming one key conflict: the second is skipped. The terminal\'s reserved key',
  '  (`terminal.leave-terminal`) must be a ctrl key; `ctrl-p ctrl-q` belongs to the session and cannot be remapped.',
  '- `theme` is `dark`, `light` or `high-contrast`; `--theme` (or `BERTH_THEME`) beats it.',
  '- A bad entry (unknown scope or action, a key berth cannot read, a conflict) is skipped with a one-line warning',
  '  naming it (`/var/lib/berth/config.json: tui.keys.containers.stopp: unknown action …`): the shell still opens,',
  '  shows the warning, and lists every warning at the top of the `?` overlay. Hints, the `?` overlay and the `x`',
  '  menu show the keys in effect.',
  '',
];
