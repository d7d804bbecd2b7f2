import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KEYMAP, SCOPE_TITLES, hintLine, lookup, type Scope } from '../../../src/tui/keymap/bindings.js';
import { keybindingsMarkdown, helpSections } from '../../../src/tui/keymap/docs.js';
import { isPrintable, keyName } from '../../../src/tui/keymap/keys.js';
import { helpLines } from '../../../src/tui/app/help-overlay.js';
import { scopesFor } from '../../../src/tui/app/key-handler.js';
import { initialUi } from '../../../src/tui/app/ui-state.js';

const DOC = resolve(import.meta.dirname, '../../../docs/keybindings.md');

describe('keymap, ? overlay and docs/keybindings.md agree', () => {
  it('the doc is exactly what the table generates (node scripts/gen-keybindings.mjs)', () => {
    expect(readFileSync(DOC, 'utf8'), 'docs/keybindings.md drifted: npm run build && node scripts/gen-keybindings.mjs').toBe(keybindingsMarkdown());
  });
  it('every binding is in the help overlay and in the doc, keys and text', () => {
    const overlay = helpLines().map((l) => l.text).join('\n');
    const doc = readFileSync(DOC, 'utf8');
    for (const b of KEYMAP) {
      for (const k of b.keys) {
        expect(overlay).toContain(k);
        expect(doc).toContain('`' + k + '`');
      }
      expect(overlay).toContain(b.help);
      expect(doc).toContain(b.help);
    }
    for (const title of helpSections().map((s) => s.title)) expect(overlay).toContain(title);
  });
  it('no key is bound twice in one scope', () => {
    for (const scope of Object.keys(SCOPE_TITLES) as Scope[]) {
      const keys = KEYMAP.filter((b) => b.scope === scope).flatMap((b) => b.keys);
      expect(new Set(keys).size, scope).toBe(keys.length);
    }
  });
  it('destructive bindings are mutating (read-only mode disables them) and no destructive action sits on a bare ctrl key except kill, which confirms', () => {
    for (const b of KEYMAP.filter((x) => x.destructive)) expect(b.mutating).toBe(true);
    expect(KEYMAP.filter((b) => b.destructive && b.keys.some((k) => k.startsWith('ctrl-'))).map((b) => b.action)).toEqual(['kill']);
  });
});

describe('dispatch by scope', () => {
  it('the Logs tab takes s (follow) before the Containers pane (stop)', () => {
    const ui = { ...initialUi(), focus: 'main' as const };
    expect(lookup('s', scopesFor(ui))?.action).toBe('follow');
    expect(lookup('s', scopesFor(initialUi()))?.action).toBe('stop');
    expect(lookup('d', scopesFor({ ...initialUi(), pane: 'images' }))?.action).toBe('remove-image');
    expect(lookup('j', ['global'])?.action).toBe('down');
    expect(lookup('zz', ['global'])).toBeUndefined();
  });
  it('hints come from the table', () => {
    expect(hintLine(['containers'])).toBe('s stop · S start · r restart · p pause · d rm · e stopped · a attach · E shell');
  });
});

describe('keyName', () => {
  it.each([
    ['\r', 'enter'], ['\t', 'tab'], ['\x1b[Z', 'shift-tab'], ['\x1b', 'esc'], ['\x7f', 'backspace'], [' ', 'space'],
    ['\x1b[A', 'up'], ['\x1bOB', 'down'], ['\x1b[5~', 'pgup'], ['\x1b[6~', 'pgdn'], ['\x1b[H', 'home'], ['\x1b[4~', 'end'],
    ['\x03', 'ctrl-c'], ['\x0b', 'ctrl-k'], ['\x1d', 'ctrl-]'], ['\x12', 'ctrl-r'], ['q', 'q'], ['G', 'G'], ['\x1bx', 'alt-x'],
  ])('%j → %s', (raw, name) => expect(keyName(raw)).toBe(name));
  it('printable text', () => {
    expect(isPrintable('abc def')).toBe(true);
    expect(isPrintable('\x1b[A')).toBe(false);
    expect(isPrintable('a\r')).toBe(false);
  });
});
