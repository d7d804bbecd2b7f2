import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { THEME_NAMES, TOKENS, loadThemeFile, makeTheme, resolveTheme, terminalTraits } from '../../../src/tui/theme/theme.js';
import { validate } from './json-schema-lite.js';

const THEMES = resolve(import.meta.dirname, '../../../themes');
const schema = JSON.parse(readFileSync(resolve(THEMES, 'schema.json'), 'utf8'));

describe('themes/ against themes/schema.json', () => {
  it.each(THEME_NAMES)('%s validates', (name) => {
    const data = JSON.parse(readFileSync(resolve(THEMES, `${name}.json`), 'utf8'));
    expect(validate(schema, data)).toEqual([]);
    expect(data.name).toBe(name);
  });
  it('the schema rejects a missing token, an unknown token and a bad colour', () => {
    const good = JSON.parse(readFileSync(resolve(THEMES, 'dark.json'), 'utf8'));
    const missing = structuredClone(good);
    delete missing.colors['state.running'];
    expect(validate(schema, missing).join('\n')).toMatch(/state\.running/);
    const bad = structuredClone(good);
    bad.colors['state.running'] = 'chartreuse';
    expect(validate(schema, bad).join('\n')).toMatch(/state\.running/);
    const extra = structuredClone(good);
    extra.colors['state.bogus'] = 'red';
    expect(validate(schema, extra).join('\n')).toMatch(/state\.bogus/);
  });
  it('the schema requires exactly the tokens the code knows', () => {
    expect([...schema.properties.colors.required].sort()).toEqual([...TOKENS].sort());
    expect([...schema.$defs.token.enum].sort()).toEqual([...TOKENS].sort());
  });
});

describe('terminal traits', () => {
  it('NO_COLOR drops every colour; a C locale draws ASCII', () => {
    const t = resolveTheme('dark', { NO_COLOR: '1', LANG: 'C' });
    for (const tok of TOKENS) expect(t.color(tok)).toBeUndefined();
    expect(t.ascii).toBe(true);
    expect(t.borderStyle).toBe('classic');
    expect(t.glyphs.pointer).toBe('>');
  });
  it('UTF-8 locales keep box drawing; "default" means the terminal colour', () => {
    expect(terminalTraits({ LC_ALL: 'en_US.UTF-8' })).toEqual({ noColor: false, ascii: false });
    expect(terminalTraits({ LANG: 'C.utf8' }).ascii).toBe(false);
    expect(terminalTraits({}).ascii).toBe(true);
    const t = makeTheme(loadThemeFile('dark'), { noColor: false, ascii: false });
    expect(t.color('state.running')).toBe('green');
    expect(t.color('text.normal')).toBeUndefined();
  });
  it('--theme picks a file; an unknown name is an INVALID_ARGUMENT error', () => {
    expect(resolveTheme('light', { LANG: 'C.UTF-8' }).name).toBe('light');
    expect(resolveTheme(undefined, { BERTH_THEME: 'high-contrast' }).name).toBe('high-contrast');
    expect(() => resolveTheme('neon', {})).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});
