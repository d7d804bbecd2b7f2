/**
 * `build` typed in the REPL line runs through Engine.build: a task tab with one line per step
 * (CACHED or timing, the running step's output), `c` opens the cache panel (why each step was
 * cached or rebuilt) while the build runs and after it, and the new image appears in Images.
 * Forms the TUI cannot serve without reading files itself go to the CLI in a terminal tab.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { KEY, renderApp, type Rendered } from './harness.js';
import { FakeEngine } from './fake-engine.js';
import { buildOptionsOf } from '../../../src/tui/tasks/build-task.js';
import { applyBuildEvent, emptyBuild } from '../../../src/tui/tasks/build-progress.js';

let app: Rendered | undefined;
afterEach(() => { app?.unmount(); app = undefined; });

describe('build options and events as data', () => {
  it('flags map to BuildOptions; stdin, URL and outside Dockerfiles fall back to the CLI; bad tags are errors', () => {
    expect(buildOptionsOf({ tag: ['app:1'], file: 'ctx/Dockerfile.dev', 'build-arg': ['V=2'], 'no-cache': true }, ['ctx'], '/w')).toEqual({
      opts: { context: '/w/ctx', dockerfile: 'Dockerfile.dev', tags: ['app:1'], buildArgs: { V: '2' }, labels: {}, target: undefined, noCache: true, pull: false, network: undefined },
    });
    expect(buildOptionsOf({}, ['-'], '/w')).toHaveProperty('fallback');
    expect(buildOptionsOf({ file: '../Dockerfile' }, ['ctx'], '/w')).toHaveProperty('fallback');
    expect(buildOptionsOf({ 'build-arg': ['FROM_ENV'] }, ['.'], '/w')).toHaveProperty('fallback');
    expect(buildOptionsOf({ tag: ['Bad:Tag'] }, ['.'], '/w')).toHaveProperty('error');
  });
  it('steps fold cached / miss reasons / output tails', () => {
    const ref = { step: 2, total: 2, stage: 's', stageStep: 2, stageSteps: 2 };
    let b = applyBuildEvent(emptyBuild(), { type: 'step', ref, text: 'RUN make' });
    b = applyBuildEvent(b, { type: 'miss', ref, reason: 'build arg V changed' });
    b = applyBuildEvent(b, { type: 'output', ref, stream: 'stdout', data: 'a\nb\n' });
    expect(b.steps[0]).toMatchObject({ cached: false, reason: 'build arg V changed', tail: ['a', 'b'], state: 'running' });
  });
});

describe.each([[80, 24], [160, 48]])('%i×%i', (cols, rows) => {
  it(':build renders steps live; c shows why each step was cached or rebuilt, during and after; the image appears', async () => {
    const engine = new FakeEngine();
    engine.hold();
    app = await renderApp({ cols, rows, engine });
    await app.press(':');
    await app.type('build -t app:1 /tmp/ctx');
    await app.press(KEY.enter);
    let f = await app.waitFor('compiling a.js');
    expect(app.spawner.ptys).toHaveLength(0);
    expect(engine.lastBuild).toMatchObject({ context: '/tmp/ctx', tags: ['app:1'] });
    expect(f).toMatch(/build -t app:1 \/tmp\/ctx — running/);
    expect(f).toMatch(/#1 \[stage-0 1\/3\] FROM busybox +0\.0s/);
    expect(f).toMatch(/#2 \[stage-0 2\/3\] COPY package\.json .* +CACHED/);
    expect(f).toMatch(/#3 \[stage-0 3\/3\] RUN make +…/);
    expect(f).toMatch(/> compiling a\.js/);
    expect(f).toContain('c cache');
    await app.press('c');
    f = await app.waitFor('Cache — why each step');
    expect(f).toMatch(/1 cached · 1 rebuilt/);
    const why = cols >= 160 ? [/Step 2\/3 COPY package\.json \/app\/ +CACHED/, /Step 3\/3 RUN make +miss: file changed: src\/a\.js/]
      : [/Step 2\/3 COPY package\.json \/app\/ *│\n.*│ +CACHED/, /Step 3\/3 RUN make *│\n.*│ +miss: file changed: src\/a\.js/];
    for (const re of why) expect(f).toMatch(re);
    engine.release();
    f = await app.waitFor((x) => x.includes('Successfully built') && x.includes('Images (3)'));
    expect(f).toMatch(/— done/);
    expect(f).toMatch(why[1]!);
    expect(f).toMatch(/\[2\] Images \(3\)/);
    expect(f).toMatch(/app:1 /);
    await app.press('c');
    f = await app.waitFor((x) => !x.includes('Cache — why each step'));
    expect(f).toMatch(/#3 \[stage-0 3\/3\] RUN make +1\.2s/);
    for (const l of f.split('\n')) expect([...l].length).toBeLessThanOrEqual(cols);
  });

  it('build from stdin goes to the CLI in a terminal tab', async () => {
    app = await renderApp({ cols, rows });
    await app.press(':');
    await app.type('build -');
    await app.press(KEY.enter);
    await app.waitFor('ran: build -');
    expect(app.spawner.ptys).toHaveLength(1);
  });
});
