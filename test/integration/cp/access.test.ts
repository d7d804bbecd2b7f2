/**
 * How the filesystem verbs reach a container's files: a running container is paused (runc
 * freezer) until a copy out of it has been read and is resumed after, without the record or the
 * events calling it paused; a container the user paused stays paused; a stopped container's
 * overlay is mounted for the call and unmounted after, even when the call fails.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isMounted } from '../../../src/container/rootfs.js';
import { collect, listTar, makeTar } from '../../helpers/tar.js';
import { CpFixture, tarOf } from './fixture.js';

const asRoot = process.getuid?.() === 0;

let fx: CpFixture;
beforeEach(async () => { fx = await CpFixture.create(); });
afterEach(async () => { await fx.cleanup(); });

const runcStatus = (id: string) => JSON.parse(execFileSync('runc', ['--root', join(fx.root, 'runc'), 'state', id], { encoding: 'utf8' })).status;

describe.skipIf(!asRoot)('container filesystem access', () => {
  it('pauses a running container until the archive is read, then resumes it', async () => {
    const id = await fx.container('busy', 'echo hi > /tmp/x', 'running');
    const { stat, tar } = await fx.engine.archiveGet(id, '/tmp/x');
    expect(stat.name).toBe('x');
    expect(runcStatus(id)).toBe('paused');
    const entries = await listTar(await collect(tar));
    expect(entries.map((e) => [e.header.name, e.content.toString()])).toEqual([['x', 'hi\n']]);
    await new Promise((r) => setTimeout(r, 200)); // the lock is released once the stream has closed
    expect(runcStatus(id)).toBe('running');
    await fx.engine.archivePut(id, '/tmp', tarOf(await makeTar([{ name: 'y', content: 'yo' }])));
    expect(runcStatus(id)).toBe('running');
    expect((await fx.engine.inspectContainer(id)).State.Status).toBe('running');
    const actions = [];
    for await (const e of fx.engine.events({ since: 0, until: Date.now() / 1000 + 1 })) actions.push(e.Action);
    expect(actions).toContain('archive-path');
    expect(actions).toContain('extract-to-dir');
    expect(actions).not.toContain('pause');
  });

  it('leaves a container the user paused paused', async () => {
    const id = await fx.container('frozen', 'true', 'running');
    await fx.engine.pauseContainer(id);
    await collect((await fx.engine.archiveGet(id, '/etc/passwd')).tar);
    await new Promise((r) => setTimeout(r, 200));
    expect(runcStatus(id)).toBe('paused');
    await fx.engine.unpauseContainer(id);
  });

  it('cp -a owns extracted files by the container user, looked up in the container', async () => {
    const tar = await makeTar([{ name: 'f', content: 'x', uid: 1234, gid: 5678 }]);
    const owners: Record<string, string> = {};
    for (const user of ['', 'www-data', 'nobody:mail', '4242', '4242:7']) {
      const { Id } = await fx.engine.createContainer({ config: { Image: 'busybox', User: user }, hostConfig: {} });
      fx.containers.push(Id);
      await fx.engine.archivePut(Id, '/tmp', tarOf(tar), { copyUIDGID: true });
      const [e] = await listTar(await collect((await fx.engine.archiveGet(Id, '/tmp/f')).tar));
      owners[user] = `${e!.header.uid}:${e!.header.gid}`;
    }
    // no user: the tar's ids, as without -a (dockerd's defaultTarCopyOptions)
    expect(owners).toEqual({ '': '1234:5678', 'www-data': '33:33', 'nobody:mail': '65534:8', '4242': '4242:0', '4242:7': '4242:7' });
    const { Id } = await fx.engine.createContainer({ config: { Image: 'busybox', User: 'www-data' }, hostConfig: {} });
    fx.containers.push(Id);
    // the lookup reads the container's current /etc/passwd, not the image's
    await fx.engine.archivePut(Id, '/etc', tarOf(await makeTar([{ name: 'passwd', content: 'root:x:0:0::/root:/bin/sh\n' }])));
    await expect(fx.engine.archivePut(Id, '/tmp', tarOf(tar), { copyUIDGID: true }))
      .rejects.toMatchObject({ message: 'failed to look up user "www-data" in container: no matching entries in passwd file' });
    await fx.engine.archivePut(Id, '/tmp', tarOf(tar)); // without -a the user is not looked up
  });

  it('refuses to write into a read-only rootfs', async () => {
    const { Id } = await fx.engine.createContainer({ config: { Image: 'busybox' }, hostConfig: { ReadonlyRootfs: true } });
    fx.containers.push(Id);
    await expect(fx.engine.archivePut(Id, '/tmp', tarOf(await makeTar([{ name: 'f' }]))))
      .rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: 'container rootfs is marked read-only' });
    await expect(fx.engine.archiveStat(Id, '/tmp/f')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('mounts a stopped container for the call only', async () => {
    const id = await fx.container('idle', 'true', 'stopped');
    const rootfs = fx.rootfs(id);
    expect(isMounted(rootfs)).toBe(false);
    expect((await fx.engine.archiveStat(id, '/bin/busybox')).size).toBeGreaterThan(0);
    expect(isMounted(rootfs)).toBe(false);
    const { tar } = await fx.engine.archiveGet(id, '/etc');
    expect(isMounted(rootfs)).toBe(true); // until the tar is read
    expect((await listTar(await collect(tar))).map((e) => e.header.name)).toContain('etc/passwd');
    await new Promise((r) => setTimeout(r, 200));
    expect(isMounted(rootfs)).toBe(false);
    await expect(fx.engine.archiveStat(id, '/nope')).rejects.toMatchObject({ code: 'NOT_FOUND', message: `Could not find the file /nope in container ${id}` });
    await expect(fx.engine.archivePut(id, '/etc/passwd', tarOf(await makeTar([{ name: 'z' }])))).rejects.toMatchObject({ message: 'extraction point is not a directory' });
    expect(isMounted(rootfs)).toBe(false);
    // a stopped container can still be started afterwards
    await fx.engine.archivePut(id, '/tmp', tarOf(await makeTar([{ name: 'z', content: 'zz' }])));
    await fx.engine.startContainer(id);
    expect((await fx.engine.waitContainer(id)).StatusCode).toBe(0);
  });
});
