/**
 * Issue "the berth shell", acceptance in a real terminal (tmux) on the real engine, step by step:
 * the demo image is listed; `run -d --name web …` from the REPL appears in Containers; its Logs
 * tab shows ticks; a filter narrows them; `E` opens a shell where `echo hi` answers, ctrl-] comes
 * back; web is stopped and removed with a confirmation; dangling images are pruned after a
 * confirmation; the Layers tab shows the image's layers and efficiency; `q` restores the terminal.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BERTH, TARGET, berth, makeRoot, ok } from '../helpers/cli.js';
import { makeTar } from '../helpers/tar.js';
import { sh, tmux, tmuxSession, waitUnused } from '../helpers/tmux.js';

const T = tmuxSession('berth-tui-accept');
const keys = (...k: string[]) => tmux('send-keys', '-t', T.name, ...k);
const type = (text: string) => tmux('send-keys', '-t', T.name, '-l', text);
const wait = (pred: (s: string) => boolean, what: string, ms = 30_000) => T.waitScreen(pred, what, ms);

let root: string;
let cleanup: () => void;

describe.skipIf(TARGET === 'docker')('the berth shell, acceptance walk-through', () => {
  beforeAll(async () => {
    ({ root, cleanup } = makeRoot('berth-tui-accept-'));
    await ok(root, ['image', 'demo']);
    // a dangling image: the same tag imported twice
    await ok(root, ['import', '-', 'scratchy:1'], { input: await makeTar([{ name: 'a.txt', content: 'one\n' }]) });
    await ok(root, ['import', '-', 'scratchy:1'], { input: await makeTar([{ name: 'a.txt', content: 'two\n' }]) });
    expect((await ok(root, ['images', '-q', '--filter', 'dangling=true'])).trim()).toMatch(/^[0-9a-f]{12}$/);
  }, 60_000);

  afterAll(async () => {
    T.kill();
    const ids = (await berth(root, ['ps', '-aq'])).stdout.split('\n').filter(Boolean);
    if (ids.length) await berth(root, ['rm', '-f', ...ids]);
    await waitUnused(root);
    cleanup();
  });

  it('walks through every acceptance step', async () => {
    const env = `env BERTH_ROOT=${sh(root)} BERTH_HISTORY_FILE=${sh(join(root, 'history'))} LANG=C.UTF-8 TERM=xterm-256color`;
    tmux('new-session', '-d', '-s', T.name, '-x', '160', '-y', '48', `${env} ${sh(process.execPath)} ${sh(BERTH)}; echo "EXITED $?"; stty -a | grep -o -- ' -\\?echo ' | head -1; sleep 120`);
    await wait((s) => /busybox:latest/.test(s), 'the demo image', 60_000);

    // run from the REPL; it shows up in Containers and its Logs tab ticks
    keys(':');
    await wait((s) => s.includes('berth>'), 'the REPL prompt');
    type("run -d --name web busybox sh -c 'i=0; while true; do i=$((i+1)); echo tick $i; sleep 0.2; done'");
    keys('Enter');
    await wait((s) => /▸ web +busybox +running/.test(s), 'web running in Containers');
    keys('1');
    await wait((s) => /\bweb\b/.test(s) && /tick \d+/.test(s), 'web in Containers with ticks in its Logs tab');

    // filter the log lines: a pattern that matches nothing hides them, "tick 1" keeps matching lines
    keys('Enter');
    keys('/');
    type('nomatch-xyz');
    keys('Enter');
    await wait((s) => !/tick \d+/.test(s), 'the ticks filtered away');
    keys('/');
    keys('C-u');
    type('tick');
    keys('Enter');
    await wait((s) => /tick \d+/.test(s), 'the ticks back with the filter "tick"');
    keys('Escape');
    await new Promise((r) => setTimeout(r, 300));
    keys('1'); // back to the Containers pane

    // E: a shell in a terminal tab; echo hi answers; ctrl-] returns to the panes
    keys('E');
    await wait((s) => /[#$] $/m.test(s) || /\/ # /.test(s), 'the shell prompt');
    type('echo h""i');
    keys('Enter');
    await wait((s) => /│hi +│/.test(s), 'hi from the shell');
    keys('C-]');
    await wait((s) => /\bweb\b/.test(s) && /\? help/.test(s), 'the panes again');

    // stop, then remove with the confirmation dialog (which says what goes)
    keys('s');
    const stopped = async () => (await ok(root, ['ps', '-a', '--format', '{{.Names}} {{.State}}'])).includes('web exited');
    for (let i = 0; i < 150 && !(await stopped()); i++) await new Promise((r) => setTimeout(r, 200));
    expect(await stopped()).toBe(true);
    if (!/▸ web /.test(T.screen())) keys('e'); // stopped rows may be hidden
    await wait((s) => /▸ web +busybox +exited/.test(s), 'web shown as exited');
    keys('d');
    await wait((s) => /Remove web\?/.test(s) && /with its writable layer and logs/.test(s), 'the remove confirmation');
    keys('y');
    const gone = async () => !(await ok(root, ['ps', '-a', '--format', '{{.Names}}'])).includes('web');
    for (let i = 0; i < 100 && !(await gone()); i++) await new Promise((r) => setTimeout(r, 200));
    expect(await gone()).toBe(true);

    // prune dangling images from the bulk menu, after its confirmation
    keys('b');
    await wait((s) => /Prune dangling images/.test(s), 'the bulk menu');
    keys('j');
    keys('Enter');
    await wait((s) => /Prune dangling images\?/.test(s) && /1 dangling image/.test(s), 'the prune confirmation');
    keys('y');
    const pruned = async () => (await ok(root, ['images', '-q', '--filter', 'dangling=true'])).trim() === '';
    for (let i = 0; i < 100 && !(await pruned()); i++) await new Promise((r) => setTimeout(r, 200));
    expect(await pruned()).toBe(true);

    // the Layers tab of busybox: its layer and dive's efficiency
    keys('2');
    await wait((s) => /busybox:latest/.test(s), 'the Images pane');
    for (let i = 0; i < 5 && !/Efficiency/.test(T.screen()); i++) {
      keys('j');
      await new Promise((r) => setTimeout(r, 300));
      if (/Efficiency/.test(T.screen())) break;
      keys(']');
      await new Promise((r) => setTimeout(r, 300));
    }
    keys('g');
    const layers = await wait((s) => /Efficiency \d+(\.\d)?%/.test(s), 'the Layers tab with the efficiency');
    expect(layers).toMatch(/Efficiency \d+(\.\d)?%/);

    // q: the terminal comes back as it was
    keys('q');
    const end = await wait((s) => /EXITED \d+/.test(s) && /echo/.test(s.split(/EXITED \d+/)[1] ?? ''), 'berth to exit');
    expect(end).toContain('EXITED 0');
    expect(end).toMatch(/^ echo\s*$/m);
    expect(tmux('display', '-p', '-t', T.name, '#{alternate_on} #{cursor_flag}').trim()).toBe('0 1');
  }, 240_000);
});
