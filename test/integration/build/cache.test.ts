/**
 * The build cache: it survives a new engine on the same root, --no-cache bypasses it, files the
 * .dockerignore excludes never reach it, misses name what changed, and `builder prune` / `system
 * df` see the cached step images that nothing else needs.
 */
import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../../src/engine/create-engine.js';
import { BuildFixture } from './fixture.js';

describe('build cache', () => {
  const f = new BuildFixture();
  let ctx = '';
  beforeAll(async () => {
    await f.setup();
    ctx = f.context({
      'package.json': '{}', 'src/index.js': 'one', 'node_modules/dep/i.js': 'dep', 'logs/app.log': 'log', 'debug.log': 'd',
      '.dockerignore': 'node_modules\nlogs\n*.log\n',
      Dockerfile: 'FROM busybox\nWORKDIR /app\nCOPY . .\nRUN ls -A /app > /listing\nCMD ["cat", "/listing"]\n',
    });
  }, 120_000);
  afterAll(() => f.cleanup());

  it('.dockerignore keeps node_modules and logs out of COPY and out of the cache key', async () => {
    await f.build({ context: ctx, tags: ['c:1'] });
    expect((await f.run('c:1')).out).toBe('.dockerignore\nDockerfile\npackage.json\nsrc\n');
    writeFileSync(join(ctx, 'logs', 'app.log'), 'more log');
    writeFileSync(join(ctx, 'node_modules', 'dep', 'new.js'), 'x');
    const r = await f.build({ context: ctx });
    expect(r.text).not.toContain('Cache miss');
    expect(existsSync(join(f.root, 'build', 'stat-cache'))).toBe(true);
  });

  it('survives a new engine on the same root; --no-cache runs every step', async () => {
    const engine = await createEngine({ root: f.root });
    const handle = engine.build({ context: ctx });
    const texts: string[] = [];
    for await (const e of handle.events) texts.push(e.type);
    await handle.result;
    expect(texts.filter((t) => t === 'cached')).toHaveLength(4);
    const r = await f.build({ context: ctx, noCache: true });
    expect(r.text.match(/Cache miss: cache disabled \(--no-cache\)/g)).toHaveLength(4);
    expect(r.text).toContain(' ---> Running in ');
  });

  it('names added and removed files', async () => {
    writeFileSync(join(ctx, 'src', 'extra.js'), 'x');
    expect((await f.build({ context: ctx })).text).toContain(' ---> Cache miss: file added: src/extra.js\n');
    rmSync(join(ctx, 'src', 'extra.js'));
    // back to a content the cache has seen: a hit again
    expect((await f.build({ context: ctx })).text).not.toContain('Cache miss');
  });

  it('a removed cached image is a miss that says so', async () => {
    const r = await f.build({ context: f.context({ Dockerfile: 'FROM busybox\nENV ONLY=here\n' }) });
    await f.engine.removeImage(r.id);
    const again = await f.build({ context: f.context({ Dockerfile: 'FROM busybox\nENV ONLY=here\n' }) });
    expect(again.text).toContain(' ---> Cache miss: cached image was removed\n');
  });

  it('system df lists the cache; builder prune removes what no tag or container needs', async () => {
    await f.build({ context: f.context({ 'big.bin': 'x'.repeat(50_000), Dockerfile: 'FROM busybox\nCOPY big.bin /\nENV DANGLING=1\n' }) });
    const du = await f.engine.diskUsage();
    const cache = du.BuildCache as { Size: number; InUse: boolean; Description: string }[];
    expect(cache.some((c) => c.Size === 50_000 && !c.InUse && c.Description.includes('COPY file:'))).toBe(true);
    const before = readdirSync(join(f.root, 'meta', 'images')).length;
    const res = await f.engine.pruneBuildCache();
    expect(res.SpaceReclaimed).toBeGreaterThanOrEqual(50_000);
    expect(res.CachesDeleted.length).toBeGreaterThan(0);
    expect(readdirSync(join(f.root, 'meta', 'images')).length).toBeLessThan(before);
    // the tagged build and its chain stay cached
    expect((await f.build({ context: ctx, tags: ['c:1'] })).text).not.toContain('Cache miss');
    await f.engine.pruneBuildCache({ all: true });
    expect((await f.build({ context: ctx })).text).toContain('Cache miss');
  });
});
