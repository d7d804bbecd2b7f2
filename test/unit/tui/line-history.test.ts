import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fileHistory, historyPath } from '../../../src/lib/line-history.js';
import { asciiFold } from '../../../src/tui/term/ascii.js';

const dirs: string[] = [];
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });

describe('REPL history file', () => {
  it('lives under the XDG state dir (BERTH_HISTORY_FILE overrides)', () => {
    expect(historyPath({ HOME: '/home/u' })).toBe('/home/u/.local/state/berth/shell_history');
    expect(historyPath({ XDG_STATE_HOME: '/s', HOME: '/home/u' })).toBe('/s/berth/shell_history');
    expect(historyPath({ BERTH_HISTORY_FILE: '/x/h' })).toBe('/x/h');
  });
  it('appends privately, loads the newest max lines, and never throws', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'berth-hist-'));
    dirs.push(dir);
    const path = join(dir, 'deep', 'shell_history');
    const h = fileHistory(path, 3);
    expect(await h.load()).toEqual([]);
    for (const l of ['ps', 'images', 'logs web', 'rm web', '', 'bad\nline']) await h.append(l);
    expect(readFileSync(path, 'utf8')).toBe('ps\nimages\nlogs web\nrm web\n');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(await h.load()).toEqual(['images', 'logs web', 'rm web']);
    // a parent that is a file: ENOTDIR is swallowed, the REPL goes on
    await expect(fileHistory(join(path, 'sub', 'h')).append('x')).resolves.toBeUndefined();
    expect(await fileHistory(join(path, 'sub', 'h')).load()).toEqual([]);
  });
});

describe('ASCII folding for non-UTF-8 terminals', () => {
  it('keeps column widths', () => {
    expect(asciiFold('╭─ Logs │ web …')).toBe('+- Logs | web ~');
    expect(asciiFold('a·b ▸ ✓ 漢')).toBe('a-b > * ??');
    expect(asciiFold('\x1b[31mplain\x1b[0m')).toBe('\x1b[31mplain\x1b[0m');
  });
});
