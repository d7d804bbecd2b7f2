/**
 * Frame tests at 80×24 and 160×48 against the in-memory engine: they assert what is on screen
 * (rows, the selected tab, dialog text), driving the App with keys as a user would.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { KEY, renderApp, type Rendered } from './harness.js';
import { FakeEngine } from './fake-engine.js';

let app: Rendered | undefined;
afterEach(() => { app?.unmount(); app = undefined; });

const lines = (f: string) => f.split('\n');
/** The line holding `text`. */
const lineWith = (f: string, text: string) => lines(f).find((l) => l.includes(text)) ?? '';
/** The active tab is drawn reversed; in a plain frame it is the label right after "─" or "│". */
const SIZES: [number, number][] = [[80, 24], [160, 48]];

describe.each(SIZES)('%i×%i', (cols, rows) => {
  it('first frame: three panes, the selection\'s tabs, the status bar; every line fits', async () => {
    app = await renderApp({ cols, rows });
    const f = await app.waitFor('tick 3');
    const ls = lines(f);
    expect(ls.length).toBe(rows - 1);
    for (const l of ls) expect([...l].length).toBeLessThanOrEqual(cols);
    expect(ls[0]).toMatch(/^╭─\[1\] Containers \(3\) ─+╮╭─ Logs │ Stats │ Env │ Inspect │ Top .*web/);
    expect(lineWith(f, '▸ web')).toMatch(/▸ web +(busybox +)?running/);
    expect(lineWith(f, 'cache')).toMatch(/cache.*paused/);
    expect(lineWith(f, 'db ')).toMatch(/db.*exited/);
    expect(f).toMatch(/\[2\] Images \(2\)/);
    expect(lineWith(f, 'busybox:latest')).toMatch(/busybox:latest.*1\.99MB/);
    expect(f).toContain('<none> (dangling)');
    expect(f).toMatch(/\[3\] Volumes \(2\)/);
    expect(lineWith(f, 'data ')).toMatch(cols >= 160 ? /data +local +12MB +1 ctr/ : /data +12MB/);
    expect(lineWith(f, 'f00df00df00d')).toMatch(cols >= 160 ? /f00df00df00d +local +3kB +0 ctr/ : /f00df00df00d +3kB/);
    expect(ls.at(-1)).toMatch(/^fake in-memory engine │ 1\/3 running · 2 images · 2 volumes │ \? help/);
    expect(ls.at(-2)).toMatch(/^s stop · S start · r restart/);
    if (cols >= 160) {
      expect(lineWith(f, '▸ web')).toMatch(/Up 2 minutes/);
      expect(f).toMatch(/STATUS/);
    }
  });

  it('2 focuses Images: Layers tab with created_by rows and sizes; ] moves to Config', async () => {
    app = await renderApp({ cols, rows });
    await app.press('2');
    let f = await app.waitFor('CREATED BY');
    expect(lines(f)[0]).toMatch(/Containers/);
    expect(f).toMatch(/╭─ Layers │ Config │ Inspect .*busybox:latest/);
    expect(lineWith(f, 'CMD ["sh"]')).toMatch(/CMD \["sh"\] +0B/);
    expect(lineWith(f, 'ADD file:abc')).toMatch(/ADD file:abc in \/ +1\.9MB/);
    expect(f).toMatch(/Efficiency 95\.4% · wasted 540B/);
    await app.press(']');
    f = await app.waitFor('PLATFORM');
    expect(f).toMatch(/CMD +sh/);
    expect(f).toMatch(/PATH=\/bin/);
  });
});

describe('containers', () => {
  it('logs follow new lines; the Inspect tab is JSON searchable with / and n', async () => {
    app = await renderApp({ cols: 100, rows: 30 });
    await app.waitFor('tick 3');
    app.engine.log('web', 'tock 4');
    await app.waitFor('tock 4');
    await app.press(']', ']', ']');
    let f = await app.waitFor('"Id"');
    expect(f).toMatch(/"Path": "sh"/);
    await app.press(KEY.enter, '/');
    await app.type('MODE');
    f = await app.waitFor('"MODE=demo"');
    expect(f).toContain('search /MODE');
    await app.press(KEY.enter, 'n', KEY.esc);
    f = app.frame();
    expect(f).toMatch(/s stop/);
  });

  it('Env tab shows the command and environment; Stats and Top read the engine', async () => {
    app = await renderApp({ cols: 120, rows: 30 });
    await app.press(']');
    let f = await app.waitFor('MEM 4MB / 100MB');
    expect(f).toMatch(/CPU 20\.0%/);
    await app.press(']');
    f = await app.waitFor('MODE=demo');
    expect(f).toMatch(/COMMAND +sh -c "while true; do echo tick; sleep 1; done"/);
    await app.press(']', ']');
    f = await app.waitFor('sh -c while true');
    expect(f).toMatch(/UID +PID +CMD/);
  });

  it('live updates: a new container appears from its event, a stop shows exited', async () => {
    app = await renderApp({ cols: 100, rows: 30 });
    app.engine.addContainer({ id: 'f'.repeat(64), name: 'newbie', image: 'busybox', imageId: 'sha256:x', state: 'running', created: Math.floor(Date.now() / 1000), logs: [] });
    await app.waitFor('newbie');
    expect(app.frame()).toMatch(/Containers \(4\)/);
    await app.press('s');
    await app.waitFor((f) => /web +busybox +exited/.test(f));
    expect(app.frame()).toContain('stopped: web');
    expect(app.engine.containers.find((c) => c.name === 'web')!.state).toBe('exited');
  });

  it('d asks first, listing what goes; force is needed for a running one', async () => {
    app = await renderApp({ cols: 100, rows: 30 });
    await app.press('d');
    let f = await app.waitFor('Remove web?');
    expect(f).toContain('This container goes, with its writable layer and logs:');
    expect(f).toMatch(/web +busybox +Up 2 minutes/);
    expect(f).toContain('1 still running: only "force" removes it.');
    expect(f).toMatch(/▸ Remove\b/);
    expect(f).toContain('Force remove, stopping if running (rm -f)');
    await app.press(KEY.enter);
    f = await app.waitFor('Force remove?');
    expect(app.engine.containers.map((c) => c.name)).toContain('web');
    await app.press(KEY.enter);
    await app.waitFor((x) => !/\bweb\b/.test(lineWith(x, 'web ')) && /Containers \(2\)/.test(x));
    expect(app.engine.containers.map((c) => c.name)).toEqual(['db', 'cache']);
  });

  it('marks with space apply an action to several rows; esc clears them', async () => {
    app = await renderApp({ cols: 100, rows: 30 });
    await app.press(KEY.space, KEY.space);
    let f = await app.waitFor('2 marked');
    expect(lineWith(f, '✓ web')).toContain('✓ web');
    await app.press('d');
    f = await app.waitFor('Remove 2 containers?');
    expect(f).toContain('These 2 containers go');
    await app.press(KEY.esc, KEY.esc);
    f = await app.waitFor((x) => !x.includes('marked'));
    expect(f).not.toContain('✓');
  });

  it('ctrl-k kills after a confirmation; p pauses and unpauses; e hides stopped ones', async () => {
    app = await renderApp({ cols: 100, rows: 30 });
    await app.press(KEY.ctrlK);
    let f = await app.waitFor('Kill web?');
    expect(f).toContain('SIGKILL ends these at once');
    await app.press('y');
    await app.waitFor((x) => /web +busybox +exited/.test(x));
    expect(app.engine.calls).toContain('kill web SIGKILL');
    await app.press('e');
    f = await app.waitFor('Containers (1/3)');
    expect(f).not.toMatch(/\bdb\b/);
    expect(f).toMatch(/▸ cache +busybox +paused/);
    await app.press('p');
    await app.waitFor((x) => /cache +busybox +running/.test(x));
  });

  it('/ filters the list', async () => {
    app = await renderApp({ cols: 100, rows: 30 });
    await app.press('/');
    await app.type('ca');
    const f = await app.waitFor('Containers (1/3) /ca');
    expect(f).toContain('cache');
    expect(f).not.toMatch(/▸ web/);
    await app.press(KEY.enter, KEY.esc);
    await app.waitFor('Containers (3)');
  });
});

describe('volumes', () => {
  it('an engine without a volume API shows the real, empty state', async () => {
    app = await renderApp({ cols: 80, rows: 24, engine: new FakeEngine({ volumes: null }) });
    const f = await app.waitFor('volumes: not supported yet');
    expect(f).toMatch(/\[3\] Volumes \(0\)/);
    expect(f).toContain('volumes n/a');
  });

  it('3 focuses Volumes: Inspect shows the volume; d refuses one in use; prune previews the anonymous one', async () => {
    app = await renderApp({ cols: 100, rows: 30 });
    await app.press('3');
    let f = await app.waitFor('"Mountpoint": "/fake/volumes/data/_data"');
    expect(f).toMatch(/╭─ Inspect ─ data/);
    await app.press('d');
    f = await app.waitFor('Remove data?');
    expect(f).toContain('Delete this volume and its data, freeing 12MB:');
    expect(f).toContain('1 in use by containers: remove those containers first.');
    await app.press(KEY.enter);
    await app.waitFor('removed failed — data: remove data: volume is in use - [web]');
    await app.press('b');
    await app.waitFor('Prune unused volumes…');
    await app.press('j', 'j', 'j', KEY.enter);
    f = await app.waitFor('Prune volumes?');
    expect(f).toContain('1 unused anonymous volume will be deleted, freeing 3kB:');
    await app.press('y');
    await app.waitFor('Volumes (1)');
    expect(app.engine.volumes.map((v) => v.name)).toEqual(['data']);
  });
});

describe('images and prune', () => {
  it('b opens the bulk menu; image prune previews the dangling image and deletes it', async () => {
    app = await renderApp({ cols: 100, rows: 30 });
    await app.press('b');
    let f = await app.waitFor('Bulk actions');
    expect(f).toContain('Prune dangling images…');
    await app.press('j', KEY.enter);
    f = await app.waitFor('Prune dangling images?');
    expect(f).toContain('1 dangling image will be deleted, freeing up to 5MB:');
    expect(f).toMatch(/<none> \(dangling\) +e5e5e5e5e5e5 +5MB/);
    await app.press(KEY.enter);
    await app.waitFor('Images (1)');
    expect(app.engine.images.map((i) => i.tags)).toEqual([['busybox:latest']]);
    expect(app.frame()).toContain('deleted 1 images, reclaimed 5MB');
  });

  it('removing an image in use offers force', async () => {
    app = await renderApp({ cols: 100, rows: 30 });
    await app.press('2', 'd');
    let f = await app.waitFor('Remove busybox:latest?');
    expect(f).toContain('1 used by containers: only "force" removes it.');
    await app.press(KEY.enter);
    f = await app.waitFor('Force remove?');
    expect(f).toContain('must force');
    await app.press(KEY.esc);
    expect(app.engine.images.length).toBe(2);
  });

  it('x lists the pane\'s actions from the keymap and runs them by key', async () => {
    app = await renderApp({ cols: 100, rows: 30 });
    await app.press('x');
    const f = await app.waitFor('Actions: containers');
    expect(f).toMatch(/\[s\] +stop/);
    expect(f).toMatch(/\[ctrl-k\] +kill \(SIGKILL\)/);
    await app.press('s');
    await app.waitFor('stopped: web');
  });
});

describe('read-only mode', () => {
  it('refuses actions and REPL verbs that change state, shows reads', async () => {
    app = await renderApp({ cols: 100, rows: 30, readOnly: true });
    expect(app.frame()).toContain('READ-ONLY');
    await app.press('s');
    await app.waitFor('read-only mode: "stop" is disabled');
    await app.press('d');
    await app.waitFor('read-only mode: "remove" is disabled');
    expect(app.engine.containers.find((c) => c.name === 'web')!.state).toBe('running');
    await app.press('x');
    const f = await app.waitFor('Actions');
    expect(f).toMatch(/stop \(read-only mode\)/);
    await app.press(KEY.esc, ':');
    await app.type('rm -f web');
    await app.press(KEY.enter);
    await app.waitFor('read-only mode: only commands that change nothing run here');
    expect(app.spawner.ptys).toEqual([]);
  });
});

describe('REPL line', () => {
  it(': runs a berth command in a session tab through the CLI table; output shows; history persists', async () => {
    app = await renderApp({ cols: 100, rows: 30, history: ['images'] });
    await app.press(':');
    await app.waitFor('berth>');
    await app.type('ps');
    await app.press(KEY.enter);
    const f = await app.waitFor('a1a1a1a1a1a1   busybox   web');
    expect(f).toMatch(/⌨ ps ✓/);
    expect(app.spawner.ptys[0]!.argv).toEqual(['node', 'berth.js', '--root', '/fake', 'ps']);
    expect(app.history.lines).toEqual(['images', 'ps']);
    await app.waitFor('"ps" exited 0');
    await app.press(':', KEY.up, KEY.up);
    await app.waitFor('berth> images');
    await app.press(KEY.esc, '1');
    await app.waitFor('tick 3');
  });

  it('tab completes verbs and names; unknown verbs say "not supported yet"', async () => {
    app = await renderApp({ cols: 100, rows: 30 });
    await app.press(':');
    await app.type('vers');
    await app.press(KEY.tab);
    await app.waitFor('berth> version');
    await app.press('\x15');
    await app.type('logs c');
    await app.press(KEY.tab);
    let f = await app.waitFor('c2c2c2c2c2c2  cache');
    expect(f).toContain('berth> logs c');
    await app.type('a');
    await app.press(KEY.tab);
    f = await app.waitFor('berth> logs cache');
    await app.press('\x15');
    await app.type('frobnicate alpine');
    await app.press(KEY.enter);
    await app.waitFor('frobnicate: not supported yet');
  });

  it('ctrl-r searches the history', async () => {
    app = await renderApp({ cols: 100, rows: 30, history: ['logs web', 'images', 'ps -a'] });
    await app.press(':', KEY.ctrlR);
    await app.type('we');
    await app.waitFor("(history search) 'we': logs web");
    await app.press(KEY.right);
    await app.waitFor('berth> logs web');
  });
});

describe('embedded terminal', () => {
  it('E opens a shell tab; keys go to it; ctrl-] returns to the panes while it keeps running', async () => {
    app = await renderApp({ cols: 100, rows: 30 });
    await app.press('E');
    let f = await app.waitFor('/ #');
    expect(f).toMatch(/⌨ sh web ●/);
    const pty = app.spawner.ptys[0]!;
    expect(pty.argv.slice(4, 8)).toEqual(['exec', '-it', 'a1'.repeat(32), 'sh']);
    expect(pty.size).toEqual([58, 25]);
    await app.type('echo hi');
    await app.press(KEY.enter);
    f = await app.waitFor(/\/ # echo hi\s*│?\n.*hi/);
    expect(f).toContain('ctrl-] back to the panes');
    await app.press(KEY.ctrlBracket, 'j');
    f = await app.waitFor('s stop');
    expect(pty.exited).toBe(false);
    expect(pty.written.join('')).toBe('echo hi\r');
    expect(f).toMatch(/▸ cache/);
    await app.press('o', KEY.enter);
    await app.type('x');
    expect(pty.written.at(-1)).toBe('x');
  });
});

describe('overlays and quitting', () => {
  it('? shows the keymap; esc closes', async () => {
    app = await renderApp({ cols: 160, rows: 48 });
    await app.press('?');
    const f = await app.waitFor('Help — keys');
    expect(f).toContain('Everywhere (panes and main area)');
    expect(f).toMatch(/ctrl-k +kill \(SIGKILL\) \(asks first; off in read-only mode\)/);
    await app.press(KEY.esc);
    await app.waitFor((x) => !x.includes('Help — keys'));
  });

  it('q quits; ctrl-c needs a second press', async () => {
    app = await renderApp({ cols: 80, rows: 24 });
    await app.press(KEY.ctrlC);
    await app.waitFor('press ctrl-c again');
    expect(app.quit.called).toBe(0);
    await app.press(KEY.ctrlC);
    expect(app.quit.called).toBe(1);
    await app.press('q');
    expect(app.quit.called).toBe(2);
  });

  it('below the minimum size it says so; growing the terminal redraws the panes at the new size', async () => {
    app = await renderApp({ cols: 50, rows: 12, ready: false });
    await app.waitFor(/berth needs at least 60×16; this terminal is\s+50×12/);
    app.resize(80, 24);
    let f = await app.waitFor('tick 3');
    expect(lines(f).length).toBe(23);
    app.resize(120, 40);
    f = await app.waitFor((x) => lines(x).length === 39);
    expect(lines(f)[0]!.length).toBe(120);
  });

  it('resizing the terminal resizes an embedded session\'s pty', async () => {
    app = await renderApp({ cols: 100, rows: 30 });
    await app.press('E');
    await app.waitFor('/ #');
    const pty = app.spawner.ptys[0]!;
    expect(pty.size).toEqual([58, 25]);
    app.resize(140, 40);
    await app.waitFor(() => pty.size[0] === 140 - 56 - 2);
    expect(pty.size).toEqual([82, 35]);
  });

  it('ASCII borders and no colour names when NO_COLOR and a C locale', async () => {
    app = await renderApp({ cols: 80, rows: 24, env: { NO_COLOR: '1', LANG: 'C' } });
    const f = await app.waitFor('tick 3');
    expect(lines(f)[0]).toMatch(/^\+-\[1\] Containers \(3\) -+\+\+- Logs \| Stats/);
    expect(f).toMatch(/> web/);
    expect(f).not.toMatch(/[\u2500-\u257f▸]/);
  });
});
