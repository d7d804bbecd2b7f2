/**
 * `build` typed in the berth shell's REPL line on the real engine (tmux): the build runs in a task
 * tab with a line per step, `c` opens the cache panel with the engine's own explanation (CACHED,
 * or the first input that changed), and the new image appears in Images.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tmux, sh, tmuxSession, waitUnused } from '../helpers/tmux.js';
import { BERTH, TARGET, berth, makeRoot, ok } from '../helpers/cli.js';

const T = tmuxSession('berth-tui-build');
const SESSION = T.name;
const screen = T.screen;

const waitScreen = (pred: (s: string) => boolean, what: string, timeoutMs = 90000) => T.waitScreen(pred, what, timeoutMs);


let root: string;
let cleanup: () => void;
let ctx: string;

describe.skipIf(TARGET === 'docker')('build from the berth shell', () => {
  beforeAll(async () => {
    ({ root, cleanup } = makeRoot('berth-tui-build-'));
    ctx = mkdtempSync(join(tmpdir(), 'berth-tui-build-ctx-'));
    writeFileSync(join(ctx, 'Dockerfile'), 'FROM busybox\nCOPY keep.txt /keep.txt\nCOPY a.txt /a.txt\nRUN cat /a.txt\n');
    writeFileSync(join(ctx, 'keep.txt'), 'same\n');
    writeFileSync(join(ctx, 'a.txt'), 'one\n');
    await ok(root, ['image', 'demo']);
    await ok(root, ['build', '-q', '-t', 'app:1', ctx]);
    writeFileSync(join(ctx, 'a.txt'), 'two-changed\n');
  }, 180_000);

  afterAll(async () => {
    try { tmux('kill-session', '-t', SESSION); } catch { /* already gone */ }
    await berth(root, ['builder', 'prune', '-a', '-f']);
    await waitUnused(root);
    cleanup();
    rmSync(ctx, { recursive: true, force: true });
  }, 60_000);

  it(':build shows the steps, c explains the cache, the image appears in Images', async () => {
    const env = `env BERTH_ROOT=${sh(root)} BERTH_HISTORY_FILE=${sh(join(root, 'history'))} LANG=C.UTF-8 TERM=xterm-256color`;
    const cmd = `${env} ${sh(process.execPath)} ${sh(BERTH)}; echo "EXITED $?"; sleep 120`;
    tmux('new-session', '-d', '-s', SESSION, '-x', '160', '-y', '44', cmd);
    await waitScreen((x) => /\[2\] Images \(2\)/.test(x), 'busybox and app:1 in Images');
    tmux('send-keys', '-t', SESSION, ':');
    tmux('send-keys', '-t', SESSION, '-l', `build -t app:2 ${ctx}`);
    tmux('send-keys', '-t', SESSION, 'Enter');
    let s = await waitScreen((x) => /— done/.test(x), 'the build to finish');
    expect(s).toMatch(/#2 \[stage-0 2\/4\] COPY keep\.txt \/keep\.txt +CACHED/);
    expect(s).toMatch(/#4 \[stage-0 4\/4\] RUN cat \/a\.txt +\d+\.\ds/);
    expect(s).toMatch(/Successfully built [0-9a-f]{12}, tagged app:2/);
    tmux('send-keys', '-t', SESSION, 'c');
    s = await waitScreen((x) => x.includes('Cache — why each step'), 'the cache panel');
    expect(s).toMatch(/1 cached · 2 rebuilt/);
    expect(s).toMatch(/Step 2\/4 COPY keep\.txt \/keep\.txt +CACHED/);
    expect(s).toMatch(/Step 3\/4 COPY a\.txt \/a\.txt +miss: file changed: a\.txt/);
    s = await waitScreen((x) => /\[2\] Images \(3\)/.test(x), 'app:2 in Images');
    expect(s).toMatch(/app:2 /);
    tmux('send-keys', '-t', SESSION, 'q');
    await waitScreen((x) => /EXITED 0/.test(x), 'berth to exit');
    tmux('kill-session', '-t', SESSION);
  }, 240_000);
});
