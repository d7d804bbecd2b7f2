/**
 * Registry operations from the berth shell in a real terminal (tmux) on the real engine, against
 * Debian's docker-registry: `p` in Images pulls through a throttled proxy with per-layer bars drawn
 * live, and the image appears in Images; a push to an htpasswd registry answers 401, the login
 * prompt opens (password masked), and after the login the push runs and completes.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tmux, sh, tmuxSession } from '../helpers/tmux.js';
import { BERTH, TARGET, makeRoot, ok } from '../helpers/cli.js';
import { HAVE_REGISTRY, startFaultProxy, startRegistry, type FaultProxy, type Registry } from '../helpers/registry.js';

const T = tmuxSession('berth-tui-registry');
const SESSION = T.name;
const screen = T.screen;

const waitScreen = (pred: (s: string) => boolean, what: string, timeoutMs = 60000) => T.waitScreen(pred, what, timeoutMs);

let pusher: { root: string; cleanup: () => void };
let tui: { root: string; cleanup: () => void };
let open: Registry;
let locked: Registry;
let proxy: FaultProxy;
let dockerConfig: string;

describe.skipIf(TARGET === 'docker' || !HAVE_REGISTRY)('registry from the berth shell', () => {
  beforeAll(async () => {
    pusher = makeRoot('berth-tui-reg-src-');
    tui = makeRoot('berth-tui-reg-');
    dockerConfig = mkdtempSync(join(tmpdir(), 'berth-tui-dockercfg-'));
    open = await startRegistry();
    locked = await startRegistry({ htpasswd: { user: 'alice', password: 's3cret' } });
    proxy = await startFaultProxy(open.host, 'pass');
    // slow enough that the bars are on screen for a while (the busybox layer is ~1 MB)
    proxy.throttle = 250_000;
    const env = { DOCKER_CONFIG: dockerConfig };
    await ok(pusher.root, ['image', 'demo'], { env });
    await ok(pusher.root, ['tag', 'busybox:latest', `${open.host}/demo/bb:1`], { env });
    await ok(pusher.root, ['push', `${open.host}/demo/bb:1`], { env });
  }, 180_000);

  afterAll(async () => {
    try { tmux('kill-session', '-t', SESSION); } catch { /* already gone */ }
    await proxy?.close();
    await open?.stop();
    await locked?.stop();
    pusher?.cleanup();
    tui?.cleanup();
    rmSync(dockerConfig, { recursive: true, force: true });
  }, 60_000);

  it('pull from the Images pane shows live per-layer progress; a 401 on push opens the login prompt, then the push works', async () => {
    const env = `env BERTH_ROOT=${sh(tui.root)} DOCKER_CONFIG=${sh(dockerConfig)} BERTH_HISTORY_FILE=${sh(join(tui.root, 'history'))} LANG=C.UTF-8 TERM=xterm-256color`;
    const cmd = `${env} ${sh(process.execPath)} ${sh(BERTH)}; echo "EXITED $?"; sleep 120`;
    tmux('new-session', '-d', '-s', SESSION, '-x', '160', '-y', '44', cmd);
    await waitScreen((x) => /\[2\] Images \(0\)/.test(x), 'the empty Images pane');

    const ref = `${proxy.host}/demo/bb:1`;
    tmux('send-keys', '-t', SESSION, '2');
    tmux('send-keys', '-t', SESSION, 'p');
    await waitScreen((x) => x.includes('Pull an image'), 'the pull prompt');
    tmux('send-keys', '-t', SESSION, '-l', ref);
    tmux('send-keys', '-t', SESSION, 'Enter');
    let s = await waitScreen((x) => /[0-9a-f]{12} +Downloading +\[=*>? *\] +[\d.]+k?B\/[\d.]+[kM]B/.test(x), 'a layer downloading with its bar');
    expect(s).toMatch(/1: Pulling from .*demo\/bb/);
    s = await waitScreen((x) => x.includes('Status: Downloaded newer image'), 'the pull to finish', 90_000);
    expect(s).toMatch(/[0-9a-f]{12} +Pull complete +\[=+\]/);
    expect(s).toMatch(/Digest: sha256:[0-9a-f]{64}/);
    s = await waitScreen((x) => /\[2\] Images \(1\)/.test(x), 'the image in Images');
    expect(s).toContain(`${proxy.host}/demo/bb:1`);

    // tag for the htpasswd registry through the REPL (runs the CLI in a tab), then push from the REPL
    const target = `${locked.host}/demo/bb:1`;
    tmux('send-keys', '-t', SESSION, ':');
    tmux('send-keys', '-t', SESSION, '-l', `tag ${ref} ${target}`);
    tmux('send-keys', '-t', SESSION, 'Enter');
    await waitScreen((x) => /⌨ tag [^│]*✓/.test(x), 'the tag command to finish');
    tmux('send-keys', '-t', SESSION, ':');
    tmux('send-keys', '-t', SESSION, '-l', `push ${target}`);
    tmux('send-keys', '-t', SESSION, 'Enter');
    s = await waitScreen((x) => x.includes(`Log in to ${locked.host}`), 'the login prompt after a 401');
    expect(s).toMatch(/no basic auth credentials|unauthorized|authentication required/i);
    expect(s).toMatch(new RegExp(`▸ Server: +${locked.host.replace(/\./g, '\\.')}`));
    tmux('send-keys', '-t', SESSION, 'Tab');
    tmux('send-keys', '-t', SESSION, '-l', 'alice');
    tmux('send-keys', '-t', SESSION, 'Tab');
    tmux('send-keys', '-t', SESSION, '-l', 's3cret');
    s = await waitScreen((x) => /Password: +••••••/.test(x), 'the masked password');
    expect(s).not.toContain('s3cret');
    tmux('send-keys', '-t', SESSION, 'Enter');
    s = await waitScreen((x) => /push .*demo\/bb:1 — done/.test(x), 'the push to finish after the login', 90_000);
    expect(s).toMatch(/[0-9a-f]{12} +(Pushed|Layer already exists)/);
    expect(s).toMatch(/1: digest: sha256:[0-9a-f]{64} size: \d+/);
    // the retry starts a fresh display (no lines left over from the refused attempt)
    expect(s.match(/The push refers to repository/g)).toHaveLength(1);
    expect(JSON.parse(readFileSync(join(dockerConfig, 'config.json'), 'utf8')).auths).toHaveProperty([locked.host]);

    tmux('send-keys', '-t', SESSION, 'q');
    await waitScreen((x) => /EXITED 0/.test(x), 'berth to exit');
    tmux('kill-session', '-t', SESSION);
  }, 300_000);
});
