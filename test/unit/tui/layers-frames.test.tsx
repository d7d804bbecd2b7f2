/**
 * The Layers tab at 80×24 and 160×48 over the fake engine, whose imageLayers runs the real
 * layer replay: busybox's base layer ships /etc/passwd and /etc/group, the next layer rewrites
 * one and removes the other, so 540 bytes are wasted, charged to the base layer.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { KEY, renderApp, type Rendered } from './harness.js';

let app: Rendered | undefined;
afterEach(() => { app?.unmount(); app = undefined; });

/** The main area's part of each line (right of the side panes' border). */
const lines = (f: string) => f.split('\n').map((l) => (l.includes('││') ? l.slice(l.indexOf('││') + 2) : l));
const lineWith = (f: string, text: string) => lines(f).find((l) => l.includes(text)) ?? '';

describe.each([[80, 24], [160, 48]] as const)('%i×%i', (cols, rows) => {
  it('efficiency, wasted bytes, layers bottom first with size and waste, the base layer\'s tree', async () => {
    app = await renderApp({ cols, rows });
    await app.press('2');
    const f = await app.waitFor('Efficiency');
    for (const l of f.split('\n')) expect([...l].length).toBeLessThanOrEqual(cols);
    expect(f).toMatch(/Efficiency 95\.4% · wasted 540B/);
    if (cols >= 160) expect(f).toContain('2 layers (1 empty) · 1.99MB');
    const ls = lines(f);
    const add = ls.findIndex((l) => l.includes('ADD file:abc'));
    const run = ls.findIndex((l) => l.includes('RUN adduser'));
    const cmd = ls.findIndex((l) => l.includes('CMD ["sh"]'));
    expect(add).toBeGreaterThan(0);
    expect(run).toBe(add + 1);
    expect(cmd).toBe(run + 1);
    expect(ls[add]).toMatch(/▸ ADD file:abc in \/ +1\.9MB +540B/);
    expect(ls[run]).toMatch(/RUN adduser -D app.* +90kB +-/);
    expect(ls[cmd]).toMatch(/CMD \["sh"\] +0B +-/);
    expect(f).toContain('layer 0 · changes only');
    expect(lineWith(f, 'busybox ')).toMatch(/A +1MB +busybox/);
    expect(lineWith(f, 'bin/')).toMatch(/A +▾ bin\//);
    expect(lineWith(f, 'passwd')).toMatch(/A +340B +passwd/);
  });

  it('j selects the next layer: M and D markers; tab, / filter, c whole image, collapse with enter and h', async () => {
    app = await renderApp({ cols, rows });
    await app.press('2');
    await app.waitFor('Efficiency');
    await app.press(KEY.enter, 'j');
    let f = await app.waitFor('layer 1 · changes only');
    expect(lineWith(f, 'RUN adduser')).toMatch(/▸ RUN adduser/);
    expect(lineWith(f, 'passwd')).toMatch(/M +90kB +passwd/);
    expect(lineWith(f, '200B')).toMatch(/D +200B +group/);
    expect(lines(f).join('\n')).not.toContain('busybox ');
    expect(f.split('\n').at(-2)).toMatch(/tab tree/);

    await app.press(KEY.tab, '/');
    await app.type('pass');
    await app.press(KEY.enter);
    f = await app.waitFor('filter "pass"');
    expect(f).toContain('passwd');
    expect(f).not.toMatch(/D +200B +group/);
    await app.press('/', KEY.esc);
    f = await app.waitFor((x) => !x.includes('filter "pass"') && x.includes('group'));

    await app.press('c');
    f = await app.waitFor('layer 1 · whole image');
    expect(lineWith(f, 'busybox ')).toMatch(/^ +1MB +busybox/);
    expect(lineWith(f, 'passwd')).toMatch(/M +90kB +passwd/);
    expect(lineWith(f, 'README')).toMatch(/879kB|899kB|900kB/);
    await app.press('c');
    f = await app.waitFor('layer 1 · changes only');

    // cursor is on etc/ (the first row): enter collapses it, l expands it again
    await app.press(KEY.enter);
    f = await app.waitFor((x) => x.includes('▸ etc/'));
    expect(f).not.toContain('passwd');
    await app.press('l');
    f = await app.waitFor('passwd');
    // j onto group, h (a file) goes to its directory, h again collapses it
    await app.press('j', 'h', 'h');
    f = await app.waitFor((x) => x.includes('▸ etc/'));
    expect(lines(f).join('\n')).not.toContain('passwd');
  });
});
