/**
 * berth's config file drives the shell in a real terminal (tmux): `<root>/config.json` with a
 * "tui" section remaps keys (the status bar shows the new quit key, the old one does nothing) and
 * a bad entry is a one-line warning on screen while the shell still opens with the rest applied.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tmux, sh, tmuxSession } from '../helpers/tmux.js';
import { BERTH, TARGET, makeRoot, ok } from '../helpers/cli.js';

const T = tmuxSession('berth-tui-config');
const SESSION = T.name;
const screen = T.screen;

const waitScreen = (pred: (s: string) => boolean, what: string, timeoutMs = 30000) => T.waitScreen(pred, what, timeoutMs);

let root: string;
let cleanup: () => void;

describe.skipIf(TARGET === 'docker')('the config file\'s tui section', () => {
  beforeAll(async () => {
    ({ root, cleanup } = makeRoot('berth-tui-config-'));
    await ok(root, ['image', 'demo']);
    writeFileSync(join(root, 'config.json'), JSON.stringify({ 'max-concurrent-downloads': 2, tui: { theme: 'light', keys: { 'global.quit': 'Q', 'containers.stopp': 'x' } } }));
  }, 60_000);

  afterAll(() => {
    try { tmux('kill-session', '-t', SESSION); } catch { /* already gone */ }
    cleanup();
  });

  it('remaps quit to Q and shows the bad entry as a warning', async () => {
    const env = `env BERTH_ROOT=${sh(root)} BERTH_HISTORY_FILE=${sh(join(root, 'history'))} LANG=C.UTF-8 TERM=xterm-256color`;
    tmux('new-session', '-d', '-s', SESSION, '-x', '160', '-y', '40', `${env} ${sh(process.execPath)} ${sh(BERTH)}; echo "EXITED $?"; sleep 120`);
    const s = await waitScreen((x) => /busybox:latest/.test(x), 'the first frame');
    expect(s).toContain(`${join(root, 'config.json')}: tui.keys.containers.stopp: unknown action "stopp" in containers`);
    expect(s).toMatch(/│ \? help · : command · Q quit/);
    // tui.theme "light": the engine name in the status bar is blue (the dark theme's is cyan)
    const colours = tmux('capture-pane', '-p', '-e', '-t', SESSION).split('\n').find((l) => l.includes('embedded')) ?? '';
    expect(colours).toMatch(/\x1b\[[0-9;]*34m[^\x1b]*embedded/);
    tmux('send-keys', '-t', SESSION, 'q');
    await new Promise((r) => setTimeout(r, 700));
    expect(screen()).toContain('[2] Images (1)');
    tmux('send-keys', '-t', SESSION, 'Q');
    await waitScreen((x) => /EXITED 0/.test(x), 'berth to exit on Q');
    tmux('kill-session', '-t', SESSION);
  }, 90_000);
});
