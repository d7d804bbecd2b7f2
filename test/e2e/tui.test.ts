/**
 * The berth shell in a real terminal (tmux) on the real engine: start `berth`, see the demo image,
 * run a container from the REPL line and see it in Containers, read its ticks in the Logs tab,
 * quit with q, and find the terminal restored (main screen, cursor visible, echo on).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tmux, sh, tmuxSession, waitUnused } from '../helpers/tmux.js';
import { BERTH, TARGET, berth, makeRoot, ok } from '../helpers/cli.js';

const T = tmuxSession('berth-tui-e2e');
const SESSION = T.name;
const screen = T.screen;


const waitScreen = (pred: (s: string) => boolean, what: string, timeoutMs = 20000) => T.waitScreen(pred, what, timeoutMs);

let root: string;
let cleanup: () => void;

describe.skipIf(TARGET === 'docker')('berth shell in tmux', () => {
  beforeAll(async () => {
    ({ root, cleanup } = makeRoot('berth-tui-e2e-'));
    await ok(root, ['image', 'demo']);
  });

  afterAll(async () => {
    try { tmux('kill-session', '-t', SESSION); } catch { /* already gone */ }
    await berth(root, ['rm', '-f', 'web']);
    await waitUnused(root);
    cleanup();
  });

  it('shows the demo image, runs a container from the REPL, follows its logs, quits restoring the terminal', async () => {
    const env = `env BERTH_ROOT=${sh(root)} BERTH_HISTORY_FILE=${sh(join(root, 'history'))} LANG=C.UTF-8 TERM=xterm-256color`;
    // After berth exits, the shell reports its status and whether echo is back on.
    const cmd = `${env} ${sh(process.execPath)} ${sh(BERTH)}; echo "EXITED $?"; stty -a | grep -o -- ' -\\?echo ' | head -1; sleep 120`;
    const started = Date.now();
    tmux('new-session', '-d', '-s', SESSION, '-x', '120', '-y', '40', cmd);
    let s = await waitScreen((x) => /busybox:latest/.test(x), 'the demo image in Images');
    const firstFrameMs = Date.now() - started;
    expect(s).toMatch(/\[2\] Images \(1\)/);
    expect(tmux('display', '-p', '-t', SESSION, '#{alternate_on} #{cursor_flag}').trim()).toBe('1 0');

    tmux('send-keys', '-t', SESSION, ':');
    await waitScreen((x) => x.includes('berth>'), 'the REPL prompt');
    tmux('send-keys', '-t', SESSION, '-l', "run -d --name web busybox sh -c 'while true; do echo tick; sleep 0.2; done'");
    tmux('send-keys', '-t', SESSION, 'Enter');
    s = await waitScreen((x) => /▸ web +busybox +running/.test(x), 'web running in Containers');
    expect(s).toMatch(/\[1\] Containers \(1\)/);

    tmux('send-keys', '-t', SESSION, '1');
    s = await waitScreen((x) => (x.match(/│tick +│/g) ?? []).length >= 3, 'ticks in the Logs tab');
    expect(s).toMatch(/╭─ Logs │ Stats │ Env │ Inspect │ Top/);

    tmux('send-keys', '-t', SESSION, 'q');
    s = await waitScreen((x) => /EXITED \d+/.test(x) && /echo/.test(x.split(/EXITED \d+/)[1] ?? ''), 'berth to exit');
    expect(s).toMatch(/EXITED 0/);
    expect(s).toMatch(/^ echo\s*$/m);
    expect(s).not.toContain('Containers');
    expect(tmux('display', '-p', '-t', SESSION, '#{alternate_on} #{cursor_flag}').trim()).toBe('0 1');
    expect(readFileSync(join(root, 'history'), 'utf8')).toContain("run -d --name web busybox sh -c 'while true; do echo tick; sleep 0.2; done'\n");
    expect((await ok(root, ['ps', '--format', '{{.Names}} {{.State}}'])).trim()).toBe('web running');
    // Start to first frame with data, including tmux's own start (the report quotes it).
    console.log(`berth shell: first frame with the image list after ${firstFrameMs} ms`);
    tmux('kill-session', '-t', SESSION);
  });

  it.each([['SIGHUP', 129], ['SIGTERM', 143]] as const)('%s ends it cleanly with the terminal restored', async (signal, code) => {
    const env = `env BERTH_ROOT=${sh(root)} BERTH_HISTORY_FILE=${sh(join(root, 'history'))} LANG=C.UTF-8`;
    const cmd = `${env} ${sh(process.execPath)} ${sh(BERTH)}; echo "EXITED $?"; stty -a | grep -o -- ' -\\?echo ' | head -1; sleep 120`;
    tmux('new-session', '-d', '-s', SESSION, '-x', '100', '-y', '30', cmd);
    await waitScreen((x) => /busybox:latest/.test(x), 'the first frame');
    // The pane runs sh, which runs node (berth): signal berth itself, as a dying SSH session would.
    const shellPid = tmux('display', '-p', '-t', SESSION, '#{pane_pid}').trim();
    const berthPid = Number(readFileSync(`/proc/${shellPid}/task/${shellPid}/children`, 'utf8').trim().split(/\s+/)[0]);
    process.kill(berthPid, signal);
    const s = await waitScreen((x) => /EXITED \d+/.test(x) && /echo/.test(x.split(/EXITED \d+/)[1] ?? ''), 'berth to exit');
    expect(s).toContain(`EXITED ${code}`);
    expect(s).toMatch(/^ echo\s*$/m);
    expect(tmux('display', '-p', '-t', SESSION, '#{alternate_on} #{cursor_flag}').trim()).toBe('0 1');
    tmux('kill-session', '-t', SESSION);
  });
});
