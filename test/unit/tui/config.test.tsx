/**
 * The config file's "tui" section: key remapping (validated, conflicts resolved or refused, each
 * problem one line naming its key path), the theme, and what the shell shows with them: remapped
 * keys work and the old ones stop, the hints, the ? overlay and the x menu show the new keys, and a
 * bad config still opens the shell with defaults and the warning on screen.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KEYMAP, keyFor } from '../../../src/tui/keymap/bindings.js';
import { applyKeyConfig, parseKeySpec, themeChoice, tuiSettings } from '../../../src/tui/keymap/config.js';
import { helpLines } from '../../../src/tui/app/help-overlay.js';
import { keybindingsMarkdown } from '../../../src/tui/keymap/docs.js';
import { leaveBytes } from '../../../src/tui/app/key-handler.js';
import { readTuiConfig } from '../../../src/cli/commands/tui.js';
import { KEY, renderApp, type Rendered } from './harness.js';

const CFG = '/r/config.json';
const keysOf = (keys: unknown) => applyKeyConfig(keys, CFG);

describe('parseKeySpec', () => {
  it.each([
    ['S', 'S'], ['ctrl+c', 'ctrl-c'], ['Ctrl+K', 'ctrl-k'], ['ctrl-]', 'ctrl-]'], ['PageDown', 'pgdn'], ['escape', 'esc'],
    ['Enter', 'enter'], [' ', 'space'], ['alt+x', 'alt-x'], ['shift+tab', 'shift-tab'], ['?', '?'],
  ])('%j → %s', (spec, key) => expect(parseKeySpec(spec)).toEqual({ key }));
  it.each([['ctrl+m', /same byte as enter/], ['ctrl+i', /tab/], ['hyper+x', /not a key/], ['', /non-empty/], ['ctrl+1', /not a key berth can tell apart/]])('%j is refused', (spec, msg) => {
    const r = parseKeySpec(spec);
    expect('error' in r && r.error).toMatch(msg);
  });
});

describe('applyKeyConfig', () => {
  it('a remapped key replaces the action\'s keys; a key taken from another binding of the scope moves', () => {
    const r = keysOf({ 'containers.stop': 'S', 'global.quit': ['q', 'ctrl+q'] });
    expect(keyFor('stop', 'containers', r.keymap)).toBe('S');
    expect(r.keymap.find((b) => b.scope === 'containers' && b.action === 'stop')!.keys).toEqual(['S']);
    expect(r.keymap.find((b) => b.scope === 'containers' && b.action === 'start')!.keys).toEqual([]);
    expect(r.keymap.find((b) => b.action === 'quit')!.keys).toEqual(['q', 'ctrl-q']);
    expect(r.warnings).toEqual([`${CFG}: tui.keys.containers.stop: S was containers.start's key; it now has no key (still in the x menu)`]);
    // the default table is untouched
    expect(keyFor('stop', 'containers')).toBe('s');
  });
  it('two entries on one key conflict: the second is skipped, named by its key path', () => {
    const r = keysOf({ 'containers.stop': 'z', 'containers.start': 'z' });
    expect(keyFor('stop', 'containers', r.keymap)).toBe('z');
    expect(keyFor('start', 'containers', r.keymap)).toBe('S');
    expect(r.warnings).toEqual([`${CFG}: tui.keys.containers.start: conflicts with tui.keys.containers.stop (both on z); kept the default`]);
  });
  it('unknown scope or action, bad keys, the session\'s own chord: one line each, defaults kept', () => {
    const r = keysOf({ 'containers.stopp': 'x', 'pods.stop': 'x', 'images.pull': 'ctrl+m', 'terminal.detach': 'ctrl+d', 'terminal.leave-terminal': 'q' });
    expect(r.warnings).toHaveLength(5);
    expect(r.warnings[0]).toMatch(/^\/r\/config\.json: tui\.keys\.containers\.stopp: unknown action "stopp" in containers \(it has: stop, start, /);
    expect(r.warnings[1]).toMatch(/tui\.keys\.pods\.stop: unknown scope "pods"/);
    expect(r.warnings[2]).toMatch(/tui\.keys\.images\.pull: ctrl\+m is the same byte as enter/);
    expect(r.warnings[3]).toMatch(/tui\.keys\.terminal\.detach: .*cannot be remapped/);
    expect(r.warnings[4]).toMatch(/tui\.keys\.terminal\.leave-terminal: .*must be a ctrl key/);
    for (const w of r.warnings) expect(w).not.toContain('\n');
    expect(r.keymap.map((b) => b.keys)).toEqual(KEYMAP.map((b) => b.keys));
  });
  it('a pane key that hides a global one is allowed with a warning; the terminal\'s reserved key moves its raw byte', () => {
    const r = keysOf({ 'images.pull': 'q', 'terminal.leave-terminal': 'ctrl+g' });
    expect(r.warnings).toEqual([`${CFG}: tui.keys.images.pull: in the images pane this hides global.quit on the same key`]);
    expect(leaveBytes(r.keymap)).toEqual(['\x07']);
    expect(leaveBytes(KEYMAP)).toEqual(['\x1d']);
  });
});

describe('tuiSettings and the theme', () => {
  it('theme and keys from the section; a bad theme or unknown setting warns', () => {
    expect(tuiSettings({ path: CFG, tui: { theme: 'light' } })).toMatchObject({ theme: 'light', warnings: [] });
    const bad = tuiSettings({ path: CFG, tui: { theme: 'neon', colours: 1 } });
    expect(bad.theme).toBeUndefined();
    expect(bad.warnings).toEqual([`${CFG}: tui.colours: unknown setting (berth knows tui.theme and tui.keys)`, `${CFG}: tui.theme: unknown theme "neon" (available: dark, light, high-contrast)`]);
    expect(tuiSettings({ path: CFG, error: 'not valid JSON (x)' }).warnings).toEqual([`${CFG}: not valid JSON (x); using the default keys and theme`]);
    expect(tuiSettings(undefined).keymap).toBe(KEYMAP);
  });
  it('--theme beats BERTH_THEME beats the config', () => {
    expect(themeChoice('dark', { BERTH_THEME: 'high-contrast' }, { theme: 'light' })).toBe('dark');
    expect(themeChoice(undefined, { BERTH_THEME: 'high-contrast' }, { theme: 'light' })).toBe('high-contrast');
    expect(themeChoice(undefined, {}, { theme: 'light' })).toBe('light');
    expect(themeChoice(undefined, {}, {})).toBeUndefined();
  });
  it('the CLI reads <root>/config.json: missing, section, broken', () => {
    const dir = mkdtempSync(join(tmpdir(), 'berth-tuicfg-'));
    try {
      expect(readTuiConfig(dir)).toEqual({ path: join(dir, 'config.json') });
      writeFileSync(join(dir, 'config.json'), JSON.stringify({ 'insecure-registries': [], tui: { theme: 'light' } }));
      expect(readTuiConfig(dir)).toEqual({ path: join(dir, 'config.json'), tui: { theme: 'light' } });
      writeFileSync(join(dir, 'config.json'), '{"tui": ');
      expect(readTuiConfig(dir).error).toMatch(/^not valid JSON/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it('the example in docs/keybindings.md is a valid config', () => {
    const json = /```json\n([\s\S]*?)```/.exec(keybindingsMarkdown())![1]!;
    const s = tuiSettings({ path: CFG, tui: (JSON.parse(json) as { tui: unknown }).tui });
    expect(s.warnings).toEqual([]);
    expect(s.theme).toBe('light');
    expect(keyFor('stop', 'containers', s.keymap)).toBe('z');
  });
  it('the ? overlay lists the warnings first and the keys in effect', () => {
    const s = tuiSettings({ path: CFG, tui: { keys: { 'containers.stop': 'z', 'containers.bogus': 'y' } } });
    const text = helpLines(s.keymap, s.warnings).map((l) => l.text);
    expect(text[0]).toBe('Config file warnings (these entries were skipped)');
    expect(text[1]).toContain('tui.keys.containers.bogus: unknown action');
    expect(text.find((l) => l.includes('stop (off in read-only mode)'))).toMatch(/^ {2}z +stop/);
  });
});

let app: Rendered | undefined;
afterEach(() => { app?.unmount(); app = undefined; });

describe.each([[80, 24], [160, 48]])('%i×%i with a config', (cols, rows) => {
  it('remapped keys work, the old key does nothing, hints and the ? overlay show the new keys', async () => {
    const s = tuiSettings({ path: CFG, tui: { keys: { 'global.action-menu': 'X', 'containers.stop': 'x', 'global.help': 'H' } } });
    app = await renderApp({ cols, rows, keymap: s.keymap, configWarnings: s.warnings });
    const f = app.frame();
    expect(f.split('\n').at(-2)).toMatch(/^x stop · S start/);
    expect(f.split('\n').at(-1)).toMatch(/│ H help/);
    await app.press('s');
    await new Promise((r) => setTimeout(r, 100));
    expect(app.engine.containers.find((c) => c.name === 'web')!.state).toBe('running');
    await app.press('x');
    await app.waitFor((fr) => fr.includes('stopped: web'));
    expect(app.engine.containers.find((c) => c.name === 'web')!.state).toBe('exited');
    await app.press('H');
    let help = await app.waitFor('Help — keys');
    // at 80×24 the Containers section is a few pages down
    for (let i = 0; i < 40 && !/ x +stop \(off/.test(help); i++) { await app.press('j'); help = app.frame(); }
    expect(help).toMatch(/ x +stop \(off in read-only mode\)/);
    await app.press(KEY.esc, 'X');
    const menu = await app.waitFor('Actions: containers');
    expect(menu).toMatch(/\[x\] +stop/);
  });
  it('a bad config: the shell opens with the defaults and shows the warning; ? lists it', async () => {
    const s = tuiSettings({ path: CFG, tui: { theme: 'neon', keys: { 'containers.stopp': 'x' } } });
    app = await renderApp({ cols, rows, keymap: s.keymap, configWarnings: s.warnings });
    const f = await app.waitFor('tui.theme: unknown theme');
    expect(f.split('\n').at(-2)).toMatch(cols >= 160 ? /^\/r\/config\.json: tui\.theme: unknown theme "neon".*\(\+1 more: \? shows them\)/ : /^\/r\/config\.json: tui\.theme: unknown theme "neon"/);
    await app.press('?');
    const help = await app.waitFor('Config file warnings');
    expect(help).toContain('tui.keys.containers.stopp: unknown action');
    if (rows >= 48) expect(help).toMatch(/ s +stop/);
  });
  it('the config\'s theme is the one the shell draws with', async () => {
    app = await renderApp({ cols, rows, theme: tuiSettings({ path: CFG, tui: { theme: 'light' } }).theme });
    expect(app.theme).toBe('light');
  });
});
