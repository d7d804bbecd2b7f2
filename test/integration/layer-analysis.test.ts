/**
 * imageLayers on the real demo image, then on a commit of a container that overwrites one file
 * and deletes another: the committed layer's overlay whiteout must come back as a removal, and
 * the waste is charged to the demo layer whose copies were superseded.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { EngineFixture } from './security/engine-helper.js';

const fx = new EngineFixture();
beforeAll(() => fx.setup());
afterAll(async () => {
  // conmon and its exit command (container cleanup) outlive the container briefly and take locks
  // under the root: wait until no process mentions the root, so nothing recreates it after removal.
  for (let i = 0; i < 150 && busy(fx.root); i++) await new Promise((r) => setTimeout(r, 100));
  await fx.cleanup();
});

function busy(root: string): boolean {
  return readdirSync('/proc').filter((n) => /^\d+$/.test(n) && Number(n) !== process.pid).some((n) => {
    try { return readFileSync(`/proc/${n}/cmdline`, 'utf8').includes(root); } catch { return false; }
  });
}

describe('imageLayers', () => {
  it('the demo image: one layer of added files, sizes matching history, efficiency 1', async () => {
    const a = await fx.engine.imageLayers('busybox');
    const inspect = await fx.engine.inspectImage('busybox');
    expect(a.id).toBe(inspect.Id);
    const real = a.layers.filter((l) => !l.empty);
    expect(real).toHaveLength(1);
    expect(real[0]!.size).toBeGreaterThan(500_000);
    expect(a.totalSize).toBe(inspect.Size);
    const busybox = real[0]!.files.find((f) => f.path === 'bin/busybox');
    expect(busybox).toMatchObject({ kind: 'added', type: 'file' });
    expect(busybox!.size).toBeGreaterThan(500_000);
    expect(real[0]!.files.every((f) => f.kind === 'added')).toBe(true);
    expect(a.efficiency).toBe(1);
    expect(a.wastedBytes).toBe(0);
    expect(a.truncated).toBe(false);
  });

  it('a committed layer that overwrites and deletes: M and D markers, waste charged to the base layer', async () => {
    const { id, code } = await fx.run('echo changed > /etc/passwd-new && cp /etc/passwd-new /etc/passwd && rm -f /etc/group /etc/passwd-new');
    expect(code).toBe(0);
    const before = await fx.engine.imageLayers('busybox');
    const base = before.layers.find((l) => !l.empty)!;
    const passwd = base.files.find((f) => f.path === 'etc/passwd')!.size;
    const group = base.files.find((f) => f.path === 'etc/group')!.size;
    await fx.engine.commitContainer(id, { repo: 'layered', tag: 'test' });
    const a = await fx.engine.imageLayers('layered:test');
    const real = a.layers.filter((l) => !l.empty);
    expect(real).toHaveLength(2);
    const top = real[1]!.files;
    expect(top.find((f) => f.path === 'etc/passwd')).toMatchObject({ kind: 'modified', size: 'changed\n'.length });
    expect(top.find((f) => f.path === 'etc/group')).toMatchObject({ kind: 'removed', size: group });
    expect(top.find((f) => f.path === 'etc/passwd-new')).toBeUndefined();
    expect(real[0]!.wastedBytes).toBe(passwd + group);
    expect(real[1]!.wastedBytes).toBe(0);
    expect(a.wastedBytes).toBe(passwd + group);
    expect(a.efficiency).toBeLessThan(1);
  });
});
