/**
 * The seed notes' node app on the busybox demo image: WORKDIR/COPY/RUN/EXPOSE/CMD, the layer
 * ordering trick (a source change re-runs nothing before `COPY . .`; a package.json change
 * re-runs the install), history strings as docker's legacy builder writes them.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BuildFixture } from './fixture.js';

const DOCKERFILE = `FROM busybox
WORKDIR /app
COPY package.json install.sh ./
RUN sh install.sh
COPY . .
EXPOSE 3000
CMD ["sh", "server.sh"]
`;

// the "npm install" (busybox has no node): writes what an install would
const INSTALL = 'mkdir -p node_modules && echo installed > node_modules/marker\n';

/** Steps of a build (by number) that ran a container. */
const ranSteps = (events: { type: string; ref?: { step: number } }[]) => events.filter((e) => e.type === 'container').map((e) => e.ref!.step);

describe('node app build', () => {
  const f = new BuildFixture();
  let ctx = '';
  beforeAll(async () => {
    await f.setup();
    ctx = f.context({
      'package.json': '{"name":"app","version":"1.0.0"}\n', 'server.sh': 'echo hello from server\n', 'install.sh': INSTALL, 'Dockerfile': DOCKERFILE,
    });
  }, 120_000);
  afterAll(() => f.cleanup());

  it('builds, runs and records docker-style history', async () => {
    const r = await f.build({ context: ctx, tags: ['app:1'] });
    expect(r.text).toMatch(/^Step 1\/7 : FROM busybox\n ---> [0-9a-f]{12}\n/);
    expect(r.text).toContain(' ---> Running in ');
    expect(r.text).toMatch(/Successfully built [0-9a-f]{12}\nSuccessfully tagged app:1\n$/);
    const img = await f.engine.inspectImage('app:1');
    expect(img.Config.Cmd).toEqual(['sh', 'server.sh']);
    expect(img.Config.WorkingDir).toBe('/app');
    expect(img.Config.ExposedPorts).toEqual({ '3000/tcp': {} });
    expect(img.Config.Env).toEqual(['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin']);
    const run = await f.run('app:1');
    expect(run).toEqual({ code: 0, out: 'hello from server\n' });
    const ls = await f.run('app:1', ['cat', 'node_modules/marker']);
    expect(ls.out).toBe('installed\n');
    const history = (await f.engine.imageHistory('app:1')).map((h) => h.CreatedBy);
    expect(history[0]).toBe('/bin/sh -c #(nop)  CMD ["sh" "server.sh"]');
    expect(history[1]).toBe('/bin/sh -c #(nop)  EXPOSE 3000');
    expect(history[2]).toMatch(/^\/bin\/sh -c #\(nop\) COPY dir:[0-9a-f]{64} in \. $/);
    expect(history[3]).toBe('/bin/sh -c sh install.sh');
    expect(history[4]).toMatch(/^\/bin\/sh -c #\(nop\) COPY multi:[0-9a-f]{64} in \.\/ $/);
    expect(history[5]).toBe('/bin/sh -c #(nop) WORKDIR /app');
  });

  it('a source change re-runs nothing before COPY . ; a package.json change re-runs the install', async () => {
    writeFileSync(join(ctx, 'server.sh'), 'echo changed\n');
    const r = await f.build({ context: ctx, tags: ['app:1'] });
    const steps = r.text.split(/^Step /m).slice(1);
    expect(steps[1]).toContain(' ---> Using cache');
    expect(steps[2]).toContain(' ---> Using cache');
    expect(steps[3]).toContain(' ---> Using cache');
    expect(steps[3]).not.toContain('Running in');
    expect(ranSteps(r.events)).toEqual([]);
    expect(steps[4]).toContain(' ---> Cache miss: file changed: server.sh');
    expect(steps[5]).toContain(' ---> Cache miss: parent step changed');
    expect((await f.run('app:1')).out).toBe('changed\n');

    writeFileSync(join(ctx, 'package.json'), '{"name":"app","version":"1.0.1"}\n');
    const r2 = await f.build({ context: ctx, tags: ['app:1'] });
    const steps2 = r2.text.split(/^Step /m).slice(1);
    expect(steps2[2]).toContain(' ---> Cache miss: file changed: package.json');
    expect(steps2[3]).toContain(' ---> Running in ');
    expect(ranSteps(r2.events)).toEqual([4]);
  });

  it('touching a file without changing it keeps the cache', async () => {
    const before = await f.build({ context: ctx });
    const p = join(ctx, 'server.sh');
    writeFileSync(p, readFileSync(p));
    const r = await f.build({ context: ctx });
    expect(r.id).toBe(before.id);
    expect(r.text).not.toContain('Cache miss');
  });
});
