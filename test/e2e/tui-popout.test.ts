/**
 * Pop-out in a real terminal (tmux) on the real engine: `E` opens a shell in a session tab, ctrl-]
 * goes back to the panes, `F` hands the whole terminal to the shell (the alternate screen is left,
 * what is typed reaches the shell), and ctrl-] brings the shell back: alternate screen, the panes
 * redrawn, the shell still running in its tab with what ran while popped out.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tmux, sh, tmuxSession, waitUnused } from '../helpers/tmux.js';
import { BERTH, TARGET, berth, makeRoot, ok } from '../helpers/cli.js';

const T = tmuxSession('berth-tui-popout');
const SESSION = T.name;
const screen = T.screen;
const modes = () => tmux('display', '-p', '-t', SESSION, '#{alternate_on} #{cursor_flag}').trim();

async function waitFor(pred: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (pred()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}; screen:\n${screen()}`);
}


let root: string;
let cleanup: () => void;

describe.skipIf(TARGET === 'docker')('pop-out of a shell session', () => {
  beforeAll(async () => {
    ({ root, cleanup } = makeRoot('berth-tui-popout-'));
    await ok(root, ['image', 'demo']);
    await ok(root, ['run', '-d', '--name', 'web', 'busybox', 'sleep', '600']);
  }, 120_000);

  afterAll(async () => {
    try { tmux('kill-session', '-t', SESSION); } catch { /* already gone */ }
    await berth(root, ['rm', '-f', 'web']);
    await waitUnused(root);
    cleanup();
  }, 60_000);

  it('F hands the terminal to the E shell; ctrl-] restores the TUI cleanly', async () => {
    const env = `env BERTH_ROOT=${sh(root)} BERTH_HISTORY_FILE=${sh(join(root, 'history'))} LANG=C.UTF-8 TERM=xterm-256color`;
    const cmd = `${env} ${sh(process.execPath)} ${sh(BERTH)}; echo "EXITED $?"; sleep 120`;
    tmux('new-session', '-d', '-s', SESSION, '-x', '120', '-y', '36', cmd);
    await waitFor(() => /▸ web +busybox +running/.test(screen()), 'web in Containers');
    expect(modes()).toBe('1 0');

    tmux('send-keys', '-t', SESSION, 'E');
    await waitFor(() => /\/ # /.test(screen()), 'the shell prompt in a tab');
    tmux('send-keys', '-t', SESSION, 'C-]');
    await waitFor(() => screen().includes('F pop out'), 'the panes, with the pop-out hint');

    tmux('send-keys', '-t', SESSION, 'F');
    await waitFor(() => modes().startsWith('0'), 'the main screen (alternate screen left)');
    let s = screen();
    expect(s).not.toContain('[1] Containers');
    expect(s).toMatch(/\/ #/);
    tmux('send-keys', '-t', SESSION, '-l', 'echo popped-$((40+2)) $COLUMNS');
    tmux('send-keys', '-t', SESSION, 'Enter');
    await waitFor(() => /popped-42/.test(screen().split('\n').filter((l) => !l.includes('echo')).join('\n')), 'the shell answering on the whole terminal');
    // the shell got the full width
    tmux('send-keys', '-t', SESSION, '-l', 'stty size');
    tmux('send-keys', '-t', SESSION, 'Enter');
    await waitFor(() => /^36 120\s*$/m.test(screen()), 'stty size of the whole terminal');

    tmux('send-keys', '-t', SESSION, 'C-]');
    await waitFor(() => modes() === '1 0' && screen().includes('[1] Containers') && screen().includes('back from'), 'the TUI back on the alternate screen');
    s = screen();
    expect(s).toMatch(/back from "sh web"/);
    expect(s).toMatch(/▸ web +busybox +running/);
    expect(s).toMatch(/⌨ sh web ●/);
    // the session is still alive and shows what ran while popped out; enter types into it again
    await waitFor(() => screen().includes('F pop out'), 'the notice to give way to the hints');
    expect(screen()).toMatch(/popped-42/);
    tmux('send-keys', '-t', SESSION, 'Enter');
    await waitFor(() => screen().includes('back to the panes (the session keeps running)'), 'the terminal tab focused');
    tmux('send-keys', '-t', SESSION, 'C-]');
    await waitFor(() => screen().includes('F pop out'), 'the panes again');
    tmux('send-keys', '-t', SESSION, 'q');
    await waitFor(() => /EXITED 0/.test(screen()), 'berth to exit');
    expect(modes()).toBe('0 1');
    tmux('kill-session', '-t', SESSION);
  }, 120_000);
});
