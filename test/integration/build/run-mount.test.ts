/**
 * RUN --mount (BuildKit's run mounts) on the root tier: a cache mount persists between builds and
 * stays out of the image, `builder prune` deletes it; a bind of the context is read without
 * reaching a layer, is keyed by the checksum of what it binds, and a rw bind's writes are dropped;
 * a bind from a stage; a tmpfs; secret mounts fail with file:line:col.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acquireCacheMount } from '../../../src/build/cache-mounts.js';
import { BuildFixture, mountsUnder } from './fixture.js';

describe('RUN --mount', () => {
  const f = new BuildFixture();
  beforeAll(() => f.setup(), 120_000);
  afterAll(() => f.cleanup(), 120_000);

  it('type=cache persists between builds, is absent from the image, and builder prune deletes it', async () => {
    const df = (n: string) => `FROM busybox\nRUN --mount=type=cache,target=/cache,id=c1 echo ${n} >> /cache/log && cat /cache/log > /seen\n`;
    const a = await f.build({ context: f.context({ Dockerfile: df('one') }) });
    expect((await f.run(a.id, ['cat', '/seen'])).out).toBe('one\n');
    const b = await f.build({ context: f.context({ Dockerfile: df('two') }) });
    expect((await f.run(b.id, ['cat', '/seen'])).out).toBe('one\ntwo\n');
    // the mount point is not in the layer: /cache does not exist in the image
    expect((await f.run(b.id, ['sh', '-c', 'ls -d /cache || echo absent'])).out).toContain('absent');
    expect(readdirSync(join(f.root, 'build', 'cache-mounts'))).toHaveLength(1);
    const res = await f.engine.pruneBuildCache({ all: true });
    expect(res.CachesDeleted.length).toBeGreaterThan(0);
    expect(readdirSync(join(f.root, 'build', 'cache-mounts'))).toHaveLength(0);
  }, 180_000);

  it('type=cache honours mode/uid/gid on creation; its options are part of the cache key', async () => {
    const df = 'FROM busybox\nRUN --mount=type=cache,target=/c,id=own,mode=0700,uid=1000,gid=1000 stat -c "%a %u %g" /c > /st\n';
    const ctx = f.context({ Dockerfile: df });
    const a = await f.build({ context: ctx });
    expect((await f.run(a.id, ['cat', '/st'])).out).toBe('700 1000 1000\n');
    expect((await f.build({ context: ctx })).text).toContain('Using cache');
    writeFileSync(join(ctx, 'Dockerfile'), df.replace('id=own', 'id=own2'));
    expect((await f.build({ context: ctx })).text).toContain('Cache miss');
  }, 180_000);

  it('type=bind reads a context file without it ending up in a layer; a changed file misses', async () => {
    const ctx = f.context({ 'secret.txt': 'v1', Dockerfile: 'FROM busybox\nRUN --mount=type=bind,source=secret.txt,target=/mnt/s.txt cat /mnt/s.txt > /copied\n' });
    const a = await f.build({ context: ctx });
    expect((await f.run(a.id, ['cat', '/copied'])).out).toBe('v1');
    expect((await f.run(a.id, ['sh', '-c', 'ls /mnt/s.txt || echo absent'])).out).toContain('absent');
    expect((await f.build({ context: ctx })).text).toContain('Using cache');
    writeFileSync(join(ctx, 'secret.txt'), 'v2');
    const b = await f.build({ context: ctx });
    expect(b.text).toContain('Cache miss: file changed: secret.txt');
    expect((await f.run(b.id, ['cat', '/copied'])).out).toBe('v2');
  }, 180_000);

  it('a rw bind may be written, but the change is discarded (context and image untouched)', async () => {
    const ctx = f.context({
      'dir/a.txt': 'orig',
      Dockerfile: 'FROM busybox\nRUN --mount=type=bind,source=dir,target=/w,rw echo changed > /w/a.txt && echo new > /w/b.txt && cat /w/a.txt > /out\n',
    });
    const a = await f.build({ context: ctx });
    expect((await f.run(a.id, ['cat', '/out'])).out).toBe('changed\n');
    expect(readFileSync(join(ctx, 'dir', 'a.txt'), 'utf8')).toBe('orig');
    expect(existsSync(join(ctx, 'dir', 'b.txt'))).toBe(false);
    expect((await f.run(a.id, ['sh', '-c', 'ls /w || echo absent'])).out).toContain('absent');
    // the bound context is what .dockerignore lets through
    const ign = f.context({
      'app/keep.js': 'k', 'app/node_modules/x.js': 'x', 'app/sub/debug.log': 'l', '.dockerignore': '**/*.log\napp/node_modules\n',
      Dockerfile: 'FROM busybox\nRUN --mount=type=bind,target=/ctx find /ctx -type f | sort > /seen\n',
    });
    expect((await f.run((await f.build({ context: ign })).id, ['cat', '/seen'])).out).toBe('/ctx/.dockerignore\n/ctx/Dockerfile\n/ctx/app/keep.js\n');
    // a read-only bind refuses writes
    const ro = f.context({ 'dir/a.txt': 'orig', Dockerfile: 'FROM busybox\nRUN --mount=type=bind,source=dir,target=/w echo x > /w/a.txt\n' });
    await expect(f.build({ context: ro })).rejects.toThrow(/returned a non-zero code/);
    expect(readFileSync(join(ro, 'dir', 'a.txt'), 'utf8')).toBe('orig');
  }, 180_000);

  it('type=bind from a stage, and type=tmpfs; nothing stays mounted', async () => {
    const ctx = f.context({
      Dockerfile: 'FROM busybox AS src\nRUN echo from-stage > /made\nFROM busybox\n'
        + 'RUN --mount=type=bind,from=src,source=/made,target=/m cat /m > /got\n'
        + 'RUN --mount=type=tmpfs,target=/scratch echo t > /scratch/x && grep -q tmpfs /proc/mounts && cat /scratch/x > /t\n',
    });
    const a = await f.build({ context: ctx });
    expect((await f.run(a.id, ['cat', '/got', '/t'])).out).toBe('from-stage\nt\n');
    expect((await f.run(a.id, ['sh', '-c', 'ls /m /scratch || echo absent'])).out).toContain('absent');
    expect(mountsUnder(f.root)).toEqual([]);
  }, 180_000);

  it('sharing: shared users overlap, locked waits, private gets its own directory while busy', async () => {
    const opts = { id: 'sh', mode: 0o755, uid: 0, gid: 0 };
    const tmp = () => Promise.resolve(join(f.root, 'build', 'tmp', `t-${Math.random()}`));
    const signal = new AbortController().signal;
    const a = await acquireCacheMount(f.root, { ...opts, sharing: 'shared' }, tmp, signal);
    const b = await acquireCacheMount(f.root, { ...opts, sharing: 'shared' }, tmp, signal);
    expect(b.path).toBe(a.path);
    const priv = await acquireCacheMount(f.root, { ...opts, sharing: 'private' }, tmp, signal);
    expect(priv.path).not.toBe(a.path);
    let locked = false;
    const waiting = acquireCacheMount(f.root, { ...opts, sharing: 'locked' }, tmp, signal).then((c) => { locked = true; return c; });
    await new Promise((r) => setTimeout(r, 300));
    expect(locked).toBe(false);
    await Promise.all([a.release(), b.release(), priv.release()]);
    const l = await waiting;
    expect(l.path).toBe(a.path);
    expect(existsSync(priv.path)).toBe(false);
    await l.release();
  });

  it('type=secret and type=ssh are NOT_IMPLEMENTED at file:line:col', async () => {
    const ctx = f.context({ Dockerfile: 'FROM busybox\nRUN --mount=type=secret,id=x cat /run/secrets/x\n' });
    await expect(f.build({ context: ctx })).rejects.toMatchObject({ code: 'NOT_IMPLEMENTED', message: expect.stringMatching(/^Dockerfile:2:1: .*type=secret/) });
    const ssh = f.context({ Dockerfile: 'FROM busybox\nRUN --mount=type=ssh true\n' });
    await expect(f.build({ context: ssh })).rejects.toMatchObject({ code: 'NOT_IMPLEMENTED' });
  }, 120_000);
});
