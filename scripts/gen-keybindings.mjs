#!/usr/bin/env node
// Writes docs/keybindings.md from the TUI's keymap table (src/tui/keymap/bindings.ts, compiled
// to dist/ by `npm run build`). `--check` exits 1 when the file is out of date instead of writing.
// test/unit/tui/keymap.test.ts fails when the doc drifts from the table.
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

const repo = resolve(import.meta.dirname, '..');
const { keybindingsMarkdown } = await import(resolve(repo, 'dist/tui/keymap/docs.js'));
const target = resolve(repo, 'docs/keybindings.md');
const want = keybindingsMarkdown();
let have = '';
try { have = readFileSync(target, 'utf8'); } catch { /* first run */ }
if (process.argv.includes('--check')) {
  if (have !== want) {
    console.error('docs/keybindings.md is out of date: run npm run build && node scripts/gen-keybindings.mjs');
    process.exit(1);
  }
  console.log('docs/keybindings.md is up to date');
} else if (have !== want) {
  writeFileSync(target, want);
  console.log('wrote docs/keybindings.md');
} else {
  console.log('docs/keybindings.md is up to date');
}
