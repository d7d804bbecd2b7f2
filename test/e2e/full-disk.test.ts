/**
 * A full disk: the state root on a 48 MiB tmpfs. Importing, building and pulling something bigger
 * than the space left fail with a clear "no space left" error naming what was being written;
 * nothing half-written becomes visible (no new image, no tag), everything committed before still
 * works, and `system check` finds the store clean once the failed operation is over.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TARGET, berth, makeRoot, ok } from '../helpers/cli.js';
import { HAVE_REGISTRY, startRegistry } from '../helpers/registry.js';
import { removeAll } from '../helpers/containers.js';
import { makeTar } from '../helpers/tar.js';

const isRoot = process.getuid?.() === 0;
let root: string;
let work: string;

describe.skipIf(TARGET === 'docker' || !isRoot)('a full disk', () => {
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'berth-full-'));
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=48m,mode=0700', 'tmpfs', root]);
    work = mkdtempSync(join(tmpdir(), 'berth-full-work-'));
    await ok(root, ['image', 'demo', '-q']);
  });
  afterAll(async () => {
    if (root) {
      await removeAll(root).catch(() => undefined);
      execFileSync('umount', ['-l', root]);
      rmSync(root, { recursive: true, force: true });
    }
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('import of a rootfs larger than the disk fails with a clear error and leaves no image', async () => {
    const before = (await ok(root, ['images', '-q'])).trim();
    // incompressible content: the layer blob and its snapshot both need the space
    const tar = await makeTar([{ name: 'big.bin', content: randomBytes(40 << 20) }]);
    const r = await berth(root, ['import', '-', 'toobig:1'], { input: tar, timeoutMs: 120_000 });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/^Error response from daemon: no space left on device writing \/\S+\n$/);
    expect((await ok(root, ['images', '-q'])).trim()).toBe(before);
  }, 180_000);

  it('a build whose COPY does not fit fails naming the step; the base image still runs', async () => {
    const ctxDir = join(work, 'ctx');
    mkdirSync(ctxDir, { recursive: true });
    writeFileSync(join(ctxDir, 'big.bin'), randomBytes(40 << 20));
    writeFileSync(join(ctxDir, 'Dockerfile'), 'FROM busybox\nCOPY big.bin /big.bin\n');
    const r = await berth(root, ['build', '-t', 'toobig:2', ctxDir], { timeoutMs: 180_000 });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/^Dockerfile:2:1: no space left on device writing \/\S+$/m);
    expect((await berth(root, ['image', 'inspect', 'toobig:2'])).code).toBe(1);
    rmSync(ctxDir, { recursive: true, force: true });
    const run = await berth(root, ['run', '--rm', '--network', 'none', 'busybox', 'echo', 'still here']);
    expect(run).toMatchObject({ code: 0, stdout: 'still here\n' });
  }, 240_000);

  it.skipIf(!HAVE_REGISTRY)('a pull of an image larger than the disk fails with a clear error and commits nothing', async () => {
    // a 40 MiB incompressible layer pushed from an ordinary root, then pulled into the small one
    const reg = await startRegistry();
    const big = makeRoot('berth-full-src-');
    try {
      const tar = await makeTar([{ name: 'big.bin', content: randomBytes(40 << 20) }]);
      await ok(big.root, ['import', '-', `${reg.host}/full/big:1`], { input: tar, timeoutMs: 120_000 });
      await ok(big.root, ['push', `${reg.host}/full/big:1`], { timeoutMs: 120_000 });
      const r = await berth(root, ['pull', `${reg.host}/full/big:1`], { timeoutMs: 180_000 });
      expect(r.code).not.toBe(0);
      expect(r.stderr).toMatch(/no space left on device/);
      expect((await berth(root, ['image', 'inspect', `${reg.host}/full/big:1`])).code).toBe(1);
      // a partial download would keep the disk full: it is dropped on ENOSPC (not kept to resume)
      expect(readdirSync(join(root, 'ingest')).filter((n) => n.startsWith('partial-'))).toEqual([]);
    } finally {
      await reg.stop();
      big.cleanup();
    }
  }, 300_000);

  it('system check finds the store clean after the failures', async () => {
    const r = await berth(root, ['system', 'check']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
  }, 120_000);
});
