/**
 * RUN --mount planning without root: targets relative to WORKDIR, every option in the cache key
 * (and a key without mounts unchanged), secret/ssh refused, a missing mount target rejected.
 */
import { describe, expect, it } from 'vitest';
import { parseDockerfile, parseMount, resolveMetaArgs } from '../../../src/build/dockerfile/index.js';
import { probeKey } from '../../../src/build/cache-key.js';
import { planMounts } from '../../../src/build/run-mounts.js';
import { StageState } from '../../../src/build/stage-state.js';
import type { BuildCtx } from '../../../src/build/build-ctx.js';

const state = (workdir?: string) => new StageState(0, '', { id: 'sha256:x', config: { config: workdir ? { WorkingDir: workdir } : {} } as never },
  resolveMetaArgs(parseDockerfile('FROM x')), {}, '\\', { os: 'linux', architecture: 'amd64' });
const ctx = {} as BuildCtx;
const id = (s: string) => s;
const plan = (specs: string[], workdir?: string) => planMounts(ctx, state(workdir), specs.map((s) => parseMount(s, id)));

describe('RUN --mount planning', () => {
  it('puts a relative target under WORKDIR and the id defaults to the target', async () => {
    const p = await plan(['type=cache,target=cache'], '/app');
    expect(JSON.parse(p.key[0]!)).toMatchObject({ type: 'cache', target: '/app/cache', id: '/app/cache', sharing: 'shared', mode: 0o755, uid: 0, gid: 0 });
  });

  it('keys every option: a different id, sharing, mode, uid or tmpfs size is a different key', async () => {
    const base = (await plan(['type=cache,target=/c'])).key;
    for (const other of ['type=cache,target=/c,id=x', 'type=cache,target=/c,sharing=locked', 'type=cache,target=/c,mode=0700',
      'type=cache,target=/c,uid=1', 'type=cache,target=/d', 'type=cache,target=/c,ro']) {
      expect((await plan([other])).key, other).not.toEqual(base);
    }
    expect((await plan(['type=tmpfs,target=/t,size=1m'])).key).not.toEqual((await plan(['type=tmpfs,target=/t'])).key);
  });

  it('leaves keys without mounts as they were, and mixes mount parts in', () => {
    const probe = { Cmd: ['/bin/sh', '-c', 'make'] };
    expect(probeKey('p', probe, 'linux/amd64', [])).toBe(probeKey('p', probe, 'linux/amd64'));
    expect(probeKey('p', probe, 'linux/amd64', ['{"type":"tmpfs"}'])).not.toBe(probeKey('p', probe, 'linux/amd64'));
  });

  it('refuses secret and ssh mounts, and a mount without a target', async () => {
    await expect(plan(['type=secret,id=x'])).rejects.toMatchObject({ code: 'NOT_IMPLEMENTED', message: expect.stringContaining('type=secret') });
    await expect(plan(['type=ssh'])).rejects.toMatchObject({ code: 'NOT_IMPLEMENTED' });
    await expect(plan(['type=tmpfs'])).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: 'mount target is required' });
  });
});
