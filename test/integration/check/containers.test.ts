/**
 * `system check` over containers: records against `runc state`, conmon and the rootfs mount, and
 * what no record owns (monitors, runc state, mounts). Repairs mark containers exited and release
 * what they hold; records are never deleted.
 */
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { byKind, checkRoot, isRoot, kinds, mountsUnder, until, type CheckRoot } from './fixture.js';
import { processAlive } from '../../../src/lib/process-alive.js';
import { mount } from '../../../src/lib/native.js';
import { monitorsOf } from '../../../src/engine/check/host.js';
import { ImageStore } from '../../../src/image/image-store.js';
import { FsContentStore } from '../../../src/store/content/fs-content-store.js';
import { MetaStore } from '../../../src/store/metadata/meta-store.js';
import { Snapshotter } from '../../../src/store/snapshot/snapshotter.js';
import { EventsLog } from '../../../src/store/events/events-log.js';
import { ContainerStore } from '../../../src/container/container-store.js';
import { makeDeps } from '../../../src/container/runtime-deps.js';
import { startLocked } from '../../../src/container/start.js';

let t: CheckRoot;

async function runDetached(name: string): Promise<string> {
  const { Id } = await t.engine.createContainer({ name, config: { Image: 'busybox', Cmd: ['sleep', '300'] }, hostConfig: { NetworkMode: 'none' } });
  await t.engine.startContainer(Id);
  return Id;
}

const conmonPid = (root: string, id: string) => Number(readFileSync(join(root, 'containers', id, 'conmon.pid'), 'utf8').trim());

describe.skipIf(!isRoot)('system check: containers', () => {
  beforeEach(async () => { t = await checkRoot('berth-checkc-'); });
  afterEach(async () => { await t.cleanup(); });

  it('a running container is clean', async () => {
    await runDetached('up');
    expect((await t.check()).findings).toEqual([]);
  });

  it('a container whose monitor was killed: found, stopped and marked exited, record kept', async () => {
    const id = await runDetached('orphaned');
    const pid = conmonPid(t.root, id);
    process.kill(pid, 'SIGKILL');
    await until(() => !processAlive(pid), 10_000, 'conmon to die');
    const r = await t.check();
    expect(kinds(r)).toEqual(['container-state']);
    expect(r.findings[0]!.message).toContain('without its monitor');
    const fixed = await t.check(true);
    expect(fixed.clean).toBe(true);
    const ins = await t.engine.inspectContainer(id);
    expect(ins.State.Status).toBe('exited');
    expect(mountsUnder(t.root)).toEqual([]);
    expect((await t.check()).findings).toEqual([]);
  });

  it('a container whose process and monitor both vanished is marked exited', async () => {
    const id = await runDetached('vanished');
    const pid = conmonPid(t.root, id);
    const init = (await t.engine.inspectContainer(id)).State.Pid;
    // conmon first, so no exit file and no exit command; then the container's init; then runc forgets it
    process.kill(pid, 'SIGKILL');
    await until(() => !processAlive(pid), 10_000, 'conmon to die');
    process.kill(init, 'SIGKILL');
    await until(() => !processAlive(init), 10_000, 'init to die');
    rmSync(join(t.root, 'runc', id), { recursive: true, force: true });
    const r = await t.check();
    expect(kinds(r)).toEqual(['container-state']);
    expect((await t.check(true)).clean).toBe(true);
    // reading the record through the engine must not resurrect anything
    expect((await t.engine.listContainers({ all: true })).map((c) => c.State)).toEqual(['exited']);
  });

  it('a record deleted under a running container: orphan monitor, runc state and mount are found and cleared', async () => {
    const id = await runDetached('lost');
    const pid = conmonPid(t.root, id);
    rmSync(join(t.root, 'meta', 'containers', `${id}.json`));
    const names = JSON.parse(readFileSync(join(t.root, 'meta', 'container-names.json'), 'utf8'));
    delete names.lost;
    (await import('node:fs')).writeFileSync(join(t.root, 'meta', 'container-names.json'), JSON.stringify(names));
    expect([...monitorsOf(t.root).keys()]).toContain(pid);
    const r = await t.check();
    expect(kinds(r)).toEqual(expect.arrayContaining(['orphan-monitor', 'orphan-runc-state', 'leaked-mount']));
    const fixed = await t.check(true);
    expect(fixed.clean, JSON.stringify(fixed.findings)).toBe(true);
    await until(() => !processAlive(pid), 10_000, 'the orphan monitor to be killed');
    expect(mountsUnder(t.root)).toEqual([]);
    expect(byKind(await t.check(), 'orphan-runc-state')).toEqual([]);
  });

  it('a start interrupted between recording "running" and `runc start` is marked exited', async () => {
    const { Id } = await t.engine.createContainer({ name: 'parked', config: { Image: 'busybox', Cmd: ['sleep', '300'] }, hostConfig: { NetworkMode: 'none' } });
    // a second view of the same root whose runc never returns from `start`: the CLI "dies" there
    const images = new ImageStore({ content: new FsContentStore(t.root), meta: new MetaStore(t.root), snapshots: new Snapshotter(t.root), events: new EventsLog(t.root) });
    const deps = makeDeps(new ContainerStore(images.meta, images.events), images);
    deps.runc.start = () => new Promise(() => undefined);
    void startLocked(deps, (await deps.store.records.get(Id))!);
    await until(async () => (await deps.store.records.get(Id))?.State.Status === 'running', 30_000, 'the record to say running');
    expect((await deps.runc.state(Id))?.status).toBe('created');
    const r = await t.check();
    expect(kinds(r)).toEqual(['container-state']);
    expect(r.findings[0]!.message).toContain('never started');
    expect((await t.check(true)).clean).toBe(true);
    expect((await t.engine.inspectContainer(Id)).State.Status).toBe('exited');
    expect(await deps.runc.state(Id)).toBeUndefined();
  });

  it('a leaked overlay mount on an exited container and one elsewhere under the root are detached', async () => {
    const { Id } = await t.engine.createContainer({ name: 'stopped', config: { Image: 'busybox', Cmd: ['true'] }, hostConfig: {} });
    const rootfs = join(t.root, 'containers', Id, 'rootfs');
    const stray = join(t.root, 'stray-mount');
    mkdirSync(rootfs, { recursive: true });
    mkdirSync(stray, { recursive: true });
    mount('tmpfs', rootfs, 'tmpfs', 0, 'size=1m');
    mount('tmpfs', stray, 'tmpfs', 0, 'size=1m');
    const r = await t.check();
    expect(kinds(r)).toEqual(['container-mount', 'leaked-mount']);
    expect((await t.check(true)).clean).toBe(true);
    expect(mountsUnder(t.root)).toEqual([]);
    expect((await t.engine.inspectContainer(Id)).State.Status).toBe('created');
  });

  it('repairs the name index after a kill between its two writes', async () => {
    const id = await runDetached('named');
    const file = join(t.root, 'meta', 'container-names.json');
    (await import('node:fs')).writeFileSync(file, JSON.stringify({ ghost: 'f'.repeat(64) }));
    expect(kinds(await t.check())).toEqual(['container-state', 'container-state']);
    expect((await t.check(true)).clean).toBe(true);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ named: id });
  });
});
