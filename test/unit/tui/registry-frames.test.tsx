/**
 * Pull, push and login from the Images pane, the x menu and the REPL line, at 80×24 and 160×48:
 * the prompt, per-layer bars drawn from the engine's progress events while the transfer runs, the
 * pulled image in Images, and a 401 that opens the login prompt (password masked) and then retries.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { KEY, renderApp, type Rendered } from './harness.js';
import { FakeEngine } from './fake-engine.js';
import { applyProgress, emptyProgress, progressBar } from '../../../src/tui/tasks/transfer-progress.js';
import { registryOf } from '../../../src/tui/tasks/registry-tasks.js';

let app: Rendered | undefined;
afterEach(() => { app?.unmount(); app = undefined; });

const REF = '127.0.0.1:5000/demo/app:1.0';
const lineWith = (f: string, text: string) => f.split('\n').find((l) => l.includes(text)) ?? '';

describe('progress as data', () => {
  it('one row per layer, latest status and bytes; a finished layer reads full', () => {
    let p = emptyProgress();
    p = applyProgress(p, { id: '1.0', status: 'Pulling from demo/app' });
    p = applyProgress(p, { id: 'aaaaaaaaaaaa', status: 'Pulling fs layer', layer: true });
    p = applyProgress(p, { id: 'aaaaaaaaaaaa', status: 'Downloading', layer: true, current: 50, total: 100 });
    expect(p.layers).toEqual([{ id: 'aaaaaaaaaaaa', status: 'Downloading', current: 50, total: 100 }]);
    p = applyProgress(p, { id: 'aaaaaaaaaaaa', status: 'Verifying Checksum', layer: true });
    expect(p.layers[0]).toMatchObject({ status: 'Verifying Checksum', current: 50, total: 100 });
    p = applyProgress(p, { id: 'aaaaaaaaaaaa', status: 'Download complete', layer: true });
    expect(p.layers[0]).toMatchObject({ status: 'Download complete', current: 100, total: 100 });
    expect(p.lines).toEqual(['1.0: Pulling from demo/app']);
    expect(progressBar(50, 100, 12)).toBe('[=====>    ]');
    expect(progressBar(100, 100, 12)).toBe('[==========]');
  });
  it('the login server of a reference (Docker Hub is the default one)', () => {
    expect(registryOf(REF)).toBe('127.0.0.1:5000');
    expect(registryOf('busybox')).toBeUndefined();
    expect(registryOf('registry.lan/x/y:1')).toBe('registry.lan');
  });
});

describe.each([[80, 24], [160, 48]])('%i×%i', (cols, rows) => {
  it('p in Images asks for a reference; the pull draws a bar per layer; the image appears in Images', async () => {
    const engine = new FakeEngine();
    engine.hold();
    app = await renderApp({ cols, rows, engine });
    await app.press('2', 'p');
    let f = await app.waitFor('Pull an image');
    expect(f).toMatch(/▸ Image: +█?/);
    await app.type(REF);
    await app.press(KEY.enter);
    f = await app.waitFor((x) => x.includes('aaaaaaaaaaaa') && x.includes('bbbbbbbbbbbb') && x.includes('[='));
    if (cols >= 160) expect(f).toMatch(/↓ pull 127\.0\.0\.1:50… ●/);
    // one line per layer at 160 columns; the bar goes on a second line in the narrow main area
    expect(f).toMatch(cols >= 160 ? /aaaaaaaaaaaa +Downloading +\[=+> +\] +1\.5MB\/3MB/ : /aaaaaaaaaaaa +Downloading +│\n.*│ +\[=+> +\] 1\.5MB\/3MB/);
    expect(f).toMatch(cols >= 160 ? /bbbbbbbbbbbb +Downloading +\[=+> +\] +500kB\/1MB/ : /bbbbbbbbbbbb +Downloading +│\n.*│ +\[=+> +\] 500kB\/1MB/);
    expect(f).toContain('1.0: Pulling from 127.0.0.1:5000/demo/app');
    expect(f).toMatch(/0\/2 layers · 2MB of 4MB/);
    engine.release();
    f = await app.waitFor((x) => x.includes('Status: Downloaded newer image') && x.includes('Images (3)'));
    expect(f).toMatch(/aaaaaaaaaaaa +Pull complete[\s\S]{0,120}?\[=+\] +3MB\/3MB/);
    expect(f).toMatch(/pull 127\.0\.0\.1:5000\/demo\/app:1\.0 — done +│\n.*│ {2}pulled 127\.0\.0\.1:5000\/demo\/app:1\.0/);
    expect(f).toMatch(/\[2\] Images \(3\)/);
    expect(f).toContain('127.0.0.1:5000/demo/app:1.0');
    for (const l of f.split('\n')) expect([...l].length).toBeLessThanOrEqual(cols);
  });

  it('a 401 on push opens the login prompt (password masked); a wrong password says so; the push then runs', async () => {
    const engine = new FakeEngine();
    engine.protectedRegistries.set('127.0.0.1:5000', 'alice:s3cret');
    engine.images[0]!.tags.push(REF);
    app = await renderApp({ cols, rows, engine });
    await app.press('2');
    await app.waitFor('busybox:latest');
    await app.press('P');
    // two tags: the push asks which
    let f = await app.waitFor('Push which tag?');
    await app.press(KEY.down, KEY.enter);
    f = await app.waitFor('Log in to 127.0.0.1:5000');
    expect(f).toMatch(/push 127\.0\.0\.1:5000\/demo\/app:1\.0: push/);
    expect(f).toMatch(/authentication +(│\n.*│ +)?required/);
    expect(f).toMatch(/▸ Server: +127\.0\.0\.1:5000/);
    await app.press(KEY.tab);
    await app.type('alice');
    await app.press(KEY.tab);
    await app.type('wrong');
    f = await app.waitFor('•••••');
    expect(f).toMatch(/Password: +•••••/);
    expect(f).not.toContain('wrong');
    await app.press(KEY.enter);
    f = await app.waitFor('Login failed');
    expect(f).toMatch(/Login failed: login attempt to/);
    expect(f).toMatch(/401/);
    expect(f).toMatch(/Username: +alice/);
    await app.press(KEY.tab, KEY.tab);
    await app.type('s3cret');
    await app.press(KEY.enter);
    f = await app.waitFor('— done');
    expect(f).toMatch(/ {2}pushed 127\.0\.0\.1:5000\/demo\/app:1\.0/);
    expect(lineWith(f, 'aaaaaaaaaaaa')).toMatch(/Pushed/);
    expect(f).toMatch(/1\.0: digest: sha256:5e5e/);
    expect(engine.calls.filter((c) => c.startsWith('push') || c.startsWith('login'))).toEqual([`push ${REF}`, 'login 127.0.0.1:5000 alice', 'login 127.0.0.1:5000 alice', `push ${REF}`]);
  });

  it('the REPL line and the x menu run pull and login in-process; esc on the login prompt ends the pull', async () => {
    const engine = new FakeEngine();
    engine.protectedRegistries.set('127.0.0.1:5000', 'alice:s3cret');
    app = await renderApp({ cols, rows, engine });
    await app.press(':');
    await app.type(`pull ${REF}`);
    await app.press(KEY.enter);
    let f = await app.waitFor('Log in to 127.0.0.1:5000');
    expect(app.spawner.ptys).toHaveLength(0);
    await app.press(KEY.esc);
    f = await app.waitFor('— failed');
    expect(f).toMatch(/ {2}pull access to the resource is denied/);
    expect(f).toMatch(/\(login( +│\n.*│ +)? ?cancelled\)/);
    await app.press('2', 'x');
    f = await app.waitFor('Actions: images');
    expect(f).toMatch(/\[p\] +pull an image/);
    expect(f).toMatch(/\[L\] +log in to a registry/);
    await app.press('L');
    f = await app.waitFor('Log in to');
    await app.type('127.0.0.1:5000');
    await app.press(KEY.enter);
    await app.type('alice');
    await app.press(KEY.enter);
    await app.type('s3cret');
    await app.press(KEY.enter);
    await app.waitFor('Login Succeeded');
    expect(engine.loggedIn.has('127.0.0.1:5000')).toBe(true);
  });

  it('read-only mode: pull, push and login are off', async () => {
    app = await renderApp({ cols, rows, readOnly: true });
    await app.press('2', 'p');
    await app.waitFor('read-only mode: "pull an image');
  });
});
