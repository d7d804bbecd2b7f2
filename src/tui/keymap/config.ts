/**
 * The "tui" section of berth's config file (`<root>/config.json`), applied to the keymap table:
 *
 *   { "tui": { "theme": "light", "keys": { "containers.stop": "S", "global.quit": ["q", "ctrl+c"] } } }
 *
 * The CLI reads the file (the TUI may not touch the filesystem) and hands the parsed JSON over as
 * a TuiConfigSource. Nothing here throws: a bad entry becomes a one-line warning naming its key
 * path, the entry is skipped and the defaults stay, so a typo never keeps the shell from opening.
 */
import { KEYMAP, SCOPE_TITLES, type Binding, type Scope } from './bindings.js';
import { NAMED_KEYS } from './keys.js';
import { THEME_NAMES } from '../theme/theme.js';

/** What the CLI hands over: the file's path, its "tui" value (parsed JSON), or why it could not be read. */
export interface TuiConfigSource {
  path: string;
  tui?: unknown;
  error?: string;
}

export interface TuiSettings {
  theme?: string;
  keymap: Binding[];
  warnings: string[];
}

const ALIASES: Record<string, string> = {
  escape: 'esc', return: 'enter', pageup: 'pgup', pagedown: 'pgdn', del: 'delete', bs: 'backspace', 'shift+tab': 'shift-tab', backtab: 'shift-tab',
};
/** ctrl-h/i/j/m arrive as backspace, tab and enter: a binding to them could never fire. */
const SHADOWED_CTRL = new Set(['ctrl-h', 'ctrl-i', 'ctrl-j', 'ctrl-m']);

/** "ctrl+c", "Ctrl-C", "PageDown", "G" → the keymap's key name, or an error text. */
export function parseKeySpec(spec: string): { key: string } | { error: string } {
  if (typeof spec !== 'string' || spec.length === 0) return { error: 'a key must be a non-empty string' };
  if ([...spec].length === 1) return spec === ' ' ? { key: 'space' } : /[\x00-\x1f\x7f]/.test(spec) ? { error: 'control characters are written as ctrl+x' } : { key: spec };
  const lower = spec.toLowerCase();
  const named = ALIASES[lower] ?? lower.replace(/^(ctrl|alt|shift)\+/, '$1-');
  const ctrl = /^ctrl-(.)$/.exec(named);
  if (ctrl) {
    const key = `ctrl-${ctrl[1]}`;
    if (SHADOWED_CTRL.has(key)) return { error: `${spec} is the same byte as ${key === 'ctrl-m' || key === 'ctrl-j' ? 'enter' : key === 'ctrl-i' ? 'tab' : 'backspace'}` };
    if (/^ctrl-[a-z]$/.test(key) || NAMED_KEYS.has(key)) return { key };
    return { error: `"${spec}" is not a key berth can tell apart` };
  }
  const alt = /^alt-(.+)$/.exec(named);
  if (alt) return [...spec.slice(4)].length === 1 ? { key: `alt-${spec.slice(4)}` } : { error: `"${spec}": alt+ takes one character` };
  if (NAMED_KEYS.has(named)) return { key: named };
  return { error: `"${spec}" is not a key (a character, a name such as enter, esc, tab, pgdn, or ctrl+x / alt+x)` };
}

const PANE_SCOPES = new Set<Scope>(['containers', 'images', 'volumes']);

/** The keymap with the config's "keys" applied, and a warning per entry it could not take. */
export function applyKeyConfig(keys: unknown, where: string, base: Binding[] = KEYMAP): { keymap: Binding[]; warnings: string[] } {
  const table = base.map((b) => ({ ...b, keys: [...b.keys] }));
  const warnings: string[] = [];
  if (keys === undefined) return { keymap: table, warnings };
  if (typeof keys !== 'object' || keys === null || Array.isArray(keys)) {
    return { keymap: table, warnings: [`${where}: tui.keys must be an object of "scope.action": key or [keys]`] };
  }
  const overridden = new Set<Binding>();
  for (const [path, value] of Object.entries(keys as Record<string, unknown>)) {
    const at = `${where}: tui.keys.${path}`;
    const dot = path.indexOf('.');
    const scope = path.slice(0, dot) as Scope;
    const action = path.slice(dot + 1);
    if (dot < 0 || !(scope in SCOPE_TITLES)) {
      warnings.push(`${at}: unknown scope "${dot < 0 ? path : scope}" (use one of ${Object.keys(SCOPE_TITLES).join(', ')})`);
      continue;
    }
    const target = table.find((b) => b.scope === scope && b.action === action);
    if (!target) {
      warnings.push(`${at}: unknown action "${action}" in ${scope} (it has: ${table.filter((b) => b.scope === scope).map((b) => b.action).join(', ')})`);
      continue;
    }
    if (target.passthrough) {
      warnings.push(`${at}: this key is handled by the session itself and cannot be remapped here`);
      continue;
    }
    const specs = Array.isArray(value) ? value : [value];
    const parsed = specs.map((s) => parseKeySpec(s as string));
    const bad = parsed.find((p): p is { error: string } => 'error' in p);
    if (bad || specs.length === 0) {
      warnings.push(`${at}: ${bad ? bad.error : 'give at least one key'}`);
      continue;
    }
    const wanted = [...new Set(parsed.map((p) => (p as { key: string }).key))];
    if (scope === 'terminal' && wanted.some((k) => !/^ctrl-/.test(k))) {
      // Every other key belongs to the program in the terminal; only a control key can be reserved.
      warnings.push(`${at}: the terminal's reserved key must be a ctrl key`);
      continue;
    }
    const clash = table.find((b) => b !== target && b.scope === scope && overridden.has(b) && b.keys.some((k) => wanted.includes(k)));
    if (clash) {
      warnings.push(`${at}: conflicts with tui.keys.${scope}.${clash.action} (both on ${wanted.filter((k) => clash.keys.includes(k)).join(', ')}); kept the default`);
      continue;
    }
    // An explicit entry wins over a default binding that had the same key; that one loses the key.
    for (const other of table.filter((b) => b !== target && b.scope === scope && b.keys.some((k) => wanted.includes(k)))) {
      other.keys = other.keys.filter((k) => !wanted.includes(k));
      warnings.push(`${at}: ${wanted.filter((k) => !other.keys.includes(k)).join(', ')} was ${scope}.${other.action}'s key; ${other.keys.length ? `it keeps ${other.keys.join(', ')}` : 'it now has no key (still in the x menu)'}`);
    }
    if (PANE_SCOPES.has(scope)) {
      const shadowed = table.filter((b) => b.scope === 'global' && b.keys.some((k) => wanted.includes(k)));
      for (const g of shadowed) warnings.push(`${at}: in the ${scope} pane this hides global.${g.action} on the same key`);
    }
    target.keys = wanted;
    overridden.add(target);
  }
  return { keymap: table, warnings };
}

/** The whole "tui" section: theme name and keys. */
export function tuiSettings(src?: TuiConfigSource): TuiSettings {
  if (!src) return { keymap: KEYMAP, warnings: [] };
  if (src.error) return { keymap: KEYMAP, warnings: [`${src.path}: ${src.error}; using the default keys and theme`] };
  const tui = src.tui;
  if (tui === undefined) return { keymap: KEYMAP, warnings: [] };
  if (typeof tui !== 'object' || tui === null || Array.isArray(tui)) {
    return { keymap: KEYMAP, warnings: [`${src.path}: tui must be an object such as {"theme": "light", "keys": {…}}`] };
  }
  const o = tui as Record<string, unknown>;
  const warnings: string[] = [];
  for (const k of Object.keys(o)) if (k !== 'theme' && k !== 'keys') warnings.push(`${src.path}: tui.${k}: unknown setting (berth knows tui.theme and tui.keys)`);
  let theme: string | undefined;
  if (o.theme !== undefined) {
    if (typeof o.theme === 'string' && (THEME_NAMES as readonly string[]).includes(o.theme)) theme = o.theme;
    else warnings.push(`${src.path}: tui.theme: unknown theme ${JSON.stringify(o.theme)} (available: ${THEME_NAMES.join(', ')})`);
  }
  const keys = applyKeyConfig(o.keys, src.path);
  return { theme, keymap: keys.keymap, warnings: [...warnings, ...keys.warnings] };
}

/** Which theme opens: --theme, then BERTH_THEME, then the config's tui.theme, then dark (resolveTheme's default). */
export function themeChoice(flag: string | undefined, env: NodeJS.ProcessEnv, settings: Pick<TuiSettings, 'theme'>): string | undefined {
  return flag || env.BERTH_THEME || settings.theme;
}
