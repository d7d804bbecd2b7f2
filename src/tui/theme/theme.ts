/**
 * Themes are data (themes/*.json, validated by themes/schema.json); components ask for semantic
 * tokens (`state.running`, `border.focused`), never raw colour names. NO_COLOR drops every colour
 * (bold and inverse stay, so the selection is still visible); a non-UTF-8 locale gets ASCII.
 */
import { createRequire } from 'node:module';
import { EngineError } from '../../lib/errors.js';

export const TOKENS = [
  'border.focused', 'border.unfocused', 'title.focused', 'title.unfocused',
  'text.normal', 'text.dim', 'text.header', 'selection.fg', 'selection.bg', 'mark',
  'state.running', 'state.paused', 'state.exited', 'state.created', 'state.restarting', 'state.dead',
  'tab.active', 'tab.inactive', 'status.fg', 'status.bg', 'status.engine', 'hint.key',
  'match.fg', 'match.bg', 'error', 'warning', 'success',
  'image.dangling', 'layer.empty', 'layer.instruction',
  'diff.added', 'diff.modified', 'diff.removed', 'repl.prompt', 'dialog.border', 'dialog.danger',
] as const;
export type Token = (typeof TOKENS)[number];

export const THEME_NAMES = ['dark', 'light', 'high-contrast'] as const;

export interface ThemeFile {
  name: string;
  description: string;
  colors: Record<Token, string>;
}

export interface Glyphs {
  mark: string;
  pointer: string;
  sep: string;
  ellipsis: string;
  dot: string;
}

export interface Theme {
  name: string;
  /** undefined means "the terminal's own colour" (and always under NO_COLOR). */
  color(token: Token): string | undefined;
  noColor: boolean;
  ascii: boolean;
  borderStyle: 'round' | 'classic';
  glyphs: Glyphs;
}

export interface TerminalTraits {
  noColor: boolean;
  ascii: boolean;
}

/** NO_COLOR (any value, per no-color.org) and the locale's charset decide what we may draw. */
export function terminalTraits(env: NodeJS.ProcessEnv): TerminalTraits {
  const locale = env.LC_ALL || env.LC_CTYPE || env.LANG || '';
  return {
    noColor: env.NO_COLOR !== undefined && env.NO_COLOR !== '',
    ascii: env.BERTH_ASCII === '1' || !/utf-?8/i.test(locale),
  };
}

// Themes ship as JSON next to the package (themes/); requiring them is a module load like any import.
const requireJson = createRequire(import.meta.url);

export function loadThemeFile(name: string): ThemeFile {
  if (!(THEME_NAMES as readonly string[]).includes(name)) {
    throw new EngineError('INVALID_ARGUMENT', `unknown theme "${name}" (available: ${THEME_NAMES.join(', ')})`);
  }
  // themes/ sits at the package root: three levels up from src/tui/theme or dist/tui/theme, fewer
  // if this module is ever bundled; take the nearest.
  for (const up of ['../../../', '../../', '../']) {
    try {
      return requireJson(`${up}themes/${name}.json`) as ThemeFile;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND') throw err;
    }
  }
  throw new EngineError('NOT_FOUND', `theme file themes/${name}.json is missing from the installation`);
}

const UNICODE: Glyphs = { mark: '✓', pointer: '▸', sep: '│', ellipsis: '…', dot: '●' };
const ASCII: Glyphs = { mark: '*', pointer: '>', sep: '|', ellipsis: '~', dot: '*' };

export function makeTheme(file: ThemeFile, traits: TerminalTraits): Theme {
  return {
    name: file.name,
    color: (token) => {
      if (traits.noColor) return undefined;
      const c = file.colors[token];
      return c === 'default' ? undefined : c;
    },
    noColor: traits.noColor,
    ascii: traits.ascii,
    borderStyle: traits.ascii ? 'classic' : 'round',
    glyphs: traits.ascii ? ASCII : UNICODE,
  };
}

export function resolveTheme(name: string | undefined, env: NodeJS.ProcessEnv): Theme {
  return makeTheme(loadThemeFile(name || env.BERTH_THEME || 'dark'), terminalTraits(env));
}
