/**
 * cp never leaves the container root: container symlinks (to "/", "../../../../etc", "../victim"
 * beside the rootfs, the victim's absolute host path, a long ../ climb) and symlinked parent dirs
 * are resolved inside the container whether they are the source, the destination or a parent,
 * and hostile tars are refused. Every case checks the victim beside the rootfs was neither
 * written nor read (strictatime tmpfs), on a running and on a stopped container.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyFromContainer, copyToContainer, type CopyConfig } from '../../../src/container/cp-client.js';
import { isGoSymlink } from '../../../src/container/archive-stat.js';
import { listTar, makeTar } from '../../helpers/tar.js';
import { CpFixture, SECRET, getTar, tarOf } from './fixture.js';

const asRoot = process.getuid?.() === 0;

describe.skipIf(!asRoot).each(['running', 'stopped'] as const)('cp escapes, %s container', (state) => {
  let fx: CpFixture;
  let id: string;
  let victim: string;
  let work: string;
  const uniq = `berth-cp-escape-${process.pid}-${Date.now()}`;

  beforeEach(async () => {
    fx = await CpFixture.create();
    work = mkdtempSync(join(tmpdir(), 'berth-cp-work-'));
    id = await fx.container(`esc-${state}`, 'true', state, (cid) => {
      victim = fx.victim(cid);
      const up = fx.upper(cid);
      symlinkSync('/', join(up, 'escape'));
      symlinkSync('../../../../etc', join(up, 'esc2'));
      symlinkSync('../victim', join(up, 'side'));
      symlinkSync(victim, join(up, 'abs'));
      symlinkSync('../'.repeat(16) + victim.slice(1), join(up, 'up'));
      mkdirSync(join(up, 'dst'));
      symlinkSync('../../victim', join(up, 'dst', 'ln'));
    });
  });

  afterEach(async () => {
    await fx.cleanup();
    rmSync(work, { recursive: true, force: true });
    for (const p of [`/${uniq}`, `/etc/${uniq}`]) expect(existsSync(p), `host ${p} was written`).toBe(false);
  });

  const cfg = (over: Partial<CopyConfig>): CopyConfig => ({
    container: id, sourcePath: '', destPath: '', followLink: false, copyUIDGID: false, cwd: work,
    stdin: tarOf(Buffer.alloc(0)), stdout: process.stdout, ...over,
  });

  it('reads through escaping links and symlinked parents find nothing outside', async () => {
    for (const p of ['/side/secret', '/abs/secret', '/up/secret', '/side/sub/inner', '/dst/ln/secret', '/side/', '/abs/.', '/up/', '/dst/ln/']) {
      await expect(fx.engine.archiveGet(id, p), p).rejects.toMatchObject({ code: 'NOT_FOUND', message: `Could not find the file ${p} in container ${id}` });
    }
    const st = await fx.engine.archiveStat(id, '/abs');
    expect(isGoSymlink(st.mode)).toBe(true);
    expect(st.linkTarget).toBe(victim); // resolved in the container, where it does not exist
    expect((await fx.engine.archiveStat(id, '/side')).linkTarget).toBe('/victim');
    expect((await fx.engine.archiveStat(id, '/up')).linkTarget).toBe(victim);
    // "/" and ../../../../etc are the container's own root and /etc
    const root = await getTar(fx.engine, id, '/escape/');
    const names = (await listTar(root)).map((e) => e.header.name);
    expect(names).toContain('escape/bin/busybox');
    expect(names.some((n) => n.includes('secret'))).toBe(false);
    expect(root.includes(SECRET)).toBe(false);
    const [passwd] = await listTar(await getTar(fx.engine, id, '/esc2/passwd'));
    expect(passwd!.content.toString()).toContain('www-data:x:33:33:www-data:/var/www:/bin/false');
    expect(passwd!.content.equals(readFileSync('/etc/passwd'))).toBe(false);
    fx.assertUntouched(victim);
  });

  it('cp -L of a link out of the root finds nothing', async () => {
    for (const src of ['/side', '/abs', '/up']) {
      await expect(copyFromContainer(fx.engine, cfg({ sourcePath: src, destPath: join(work, 'out'), followLink: true })), src)
        .rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
    expect(existsSync(join(work, 'out'))).toBe(false);
    fx.assertUntouched(victim);
  });

  it('writes through escaping links land inside the container', async () => {
    writeFileSync(join(work, uniq), 'PWNED');
    const src = join(work, uniq);
    for (const dst of ['/side/x', '/abs', '/abs/x', '/up/x', '/dst/ln/x']) {
      await expect(copyToContainer(fx.engine, cfg({ sourcePath: src, destPath: dst })), dst).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
    await copyToContainer(fx.engine, cfg({ sourcePath: src, destPath: '/escape' })); // → the container's /
    await copyToContainer(fx.engine, cfg({ sourcePath: src, destPath: '/esc2' })); // → the container's /etc
    await copyToContainer(fx.engine, cfg({ sourcePath: src, destPath: '/side' })); // → a new file /victim in the container
    for (const p of [`/${uniq}`, `/etc/${uniq}`, '/victim']) {
      const [e] = await listTar(await getTar(fx.engine, id, p));
      expect(e!.content.toString(), p).toBe('PWNED');
    }
    await expect(fx.engine.archivePut(id, '/side/', tarOf(await makeTar([{ name: 'y', content: 'PWNED' }]))))
      .rejects.toMatchObject({ message: 'lstat /victim/: not a directory' });
    await expect(fx.engine.archivePut(id, '/side', tarOf(await makeTar([{ name: 'y', content: 'PWNED' }]))))
      .rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: 'extraction point is not a directory' });
    fx.assertUntouched(victim);
  });

  it('hostile tars are refused before anything leaves the extraction dir', async () => {
    const attacks = [
      [{ name: 'evil', type: 'symlink' as const, linkname: victim }, { name: 'evil/pwned', content: 'PWNED' }],
      [{ name: 'ln/pwned', content: 'PWNED' }], // /dst/ln is the container's symlink to ../../victim
      [{ name: '../victim/pwned', content: 'PWNED' }],
      [{ name: '/../../victim/pwned', content: 'PWNED' }],
      [{ name: 'rel', type: 'symlink' as const, linkname: '../../victim' }],
      [{ name: 'hl', type: 'link' as const, linkname: '../victim/secret' }],
    ];
    for (const entries of attacks) {
      await expect(fx.engine.archivePut(id, '/dst', tarOf(await makeTar(entries))), entries[0]!.name).rejects.toThrow();
    }
    fx.assertUntouched(victim);
  });
});
