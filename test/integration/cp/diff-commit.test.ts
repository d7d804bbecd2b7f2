/**
 * diff, commit and export on real containers: docker's A/C/D rules over the overlay upper dir
 * (whiteouts, opaque directories, mode-only changes, runc's mount points left out), commit's new
 * layer / config / history / tag, an empty commit, and export's tar of the merged root.
 */
import { lstatSync, readdirSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { lgetxattr } from '../../../src/lib/native.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { collect, listTar } from '../../helpers/tar.js';
import { CpFixture } from './fixture.js';

const asRoot = process.getuid?.() === 0;

let fx: CpFixture;
beforeEach(async () => { fx = await CpFixture.create(); });
afterEach(async () => { await fx.cleanup(); });

const SCRIPT = 'echo hi > /tmp/x; rm /bin/ls; mkdir -p /new/sub; touch /new/sub/f; rm -rf /var; mkdir /var; echo n > /var/new; chmod 700 /home; echo more >> /etc/passwd';
const EXPECTED = [
  'C /bin', 'D /bin/ls', 'C /etc', 'C /etc/passwd', 'C /home', 'A /new', 'A /new/sub', 'A /new/sub/f',
  'C /tmp', 'A /tmp/x', 'C /var', 'A /var/new', 'D /var/spool', 'D /var/www',
];
const KIND = ['C', 'A', 'D'];

describe.skipIf(!asRoot)('diff', () => {
  it.each(['exited', 'running'] as const)('lists an %s container\'s changes as docker does', async (state) => {
    const id = await fx.container(`d-${state}`, SCRIPT, state);
    if (state === 'running') await new Promise((r) => setTimeout(r, 500));
    // runc made /etc/hosts and /etc/resolv.conf as mount points: they are in the upper dir, not in the diff
    expect(readdirSync(`${fx.upper(id)}/etc`).sort()).toEqual(['hosts', 'passwd', 'resolv.conf']);
    const changes = await fx.engine.containerChanges(id);
    expect(changes.map((c) => `${KIND[c.Kind]} ${c.Path}`)).toEqual(EXPECTED);
  });

  it('is empty for a container that changed nothing', async () => {
    const id = await fx.container('d-none', 'true', 'exited');
    expect(await fx.engine.containerChanges(id)).toEqual([]);
  });
});

describe.skipIf(!asRoot)('commit', () => {
  it('makes a child image with one layer, the config, history and tag', async () => {
    const id = await fx.container('c1', SCRIPT, 'exited');
    const { Id } = await fx.engine.commitContainer(id, { repo: 'newimage', tag: 'v1', comment: 'msg', author: 'me', changes: ['ENV FOO=bar', 'CMD ["cat", "/tmp/x"]'] });
    const parent = await fx.engine.inspectImage('busybox');
    const img = await fx.engine.inspectImage('newimage:v1');
    expect(img.Id).toBe(Id);
    expect(img.Parent).toBe(parent.Id);
    expect(img.RootFS.Layers).toEqual([...parent.RootFS.Layers, expect.stringMatching(/^sha256:/)]);
    expect(img.Author).toBe('me');
    expect(img.Comment).toBe('msg');
    expect(img.Config.Cmd).toEqual(['cat', '/tmp/x']);
    expect(img.Config.Env).toContain('FOO=bar');
    // only image fields, empty ones left out (no Hostname, Tty, Image… of the container)
    expect(Object.keys(img.Config).sort()).toEqual(['Cmd', 'Env']);
    const history = await fx.engine.imageHistory('newimage:v1');
    expect(history[0]).toMatchObject({ Id, CreatedBy: `sh -c ${SCRIPT}`, Comment: 'msg', Tags: ['newimage:v1'] });
    expect(history[1]!.Id).toBe(parent.Id);
    // the layer: overlay form, without runc's mount points
    const top = img.GraphDriver.Data!.UpperDir!;
    expect(readdirSync(`${top}/etc`)).toEqual(['passwd']);
    expect(lstatSync(`${top}/bin/ls`).isCharacterDevice()).toBe(true);
    expect(lgetxattr(`${top}/var`, 'trusted.overlay.opaque')?.toString()).toBe('y');
    expect(readdirSync(`${top}/var`)).toEqual(['new']);
    const run = await fx.container('c2', 'true', 'stopped');
    const ctr = await fx.engine.inspectContainer(run);
    expect(ctr.Image).toBe(parent.Id);
    const child = await fx.engine.createContainer({ config: { Image: 'newimage:v1' }, hostConfig: {} });
    fx.containers.push(child.Id);
    const [x] = await listTar(await collect((await fx.engine.archiveGet(child.Id, '/tmp/x')).tar));
    expect(x!.content.toString()).toBe('hi\n');
    await expect(fx.engine.archiveStat(child.Id, '/bin/ls')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const events = [];
    for await (const e of fx.engine.events({ since: 0, until: Date.now() / 1000 + 1 })) events.push(`${e.Type} ${e.Action}`);
    expect(events).toEqual(expect.arrayContaining(['image create', 'image tag', 'container commit']));
  });

  it('adds no layer for a container without changes', async () => {
    const id = await fx.container('c3', 'true', 'stopped');
    const { Id } = await fx.engine.commitContainer(id, {});
    const img = await fx.engine.inspectImage(Id);
    expect(img.RootFS.Layers).toEqual((await fx.engine.inspectImage('busybox')).RootFS.Layers);
    expect((await fx.engine.imageHistory(Id))[0]).toMatchObject({ Size: 0, CreatedBy: 'sh -c true' });
  });

  it('pauses a running container by default and resumes it', async () => {
    const id = await fx.container('c4', 'echo hi > /tmp/x', 'running');
    await fx.engine.commitContainer(id, { repo: 'live' });
    expect((await fx.engine.inspectContainer(id)).State.Status).toBe('running');
    expect((await fx.engine.inspectImage('live:latest')).RootFS.Layers).toHaveLength(2);
  });
});

describe.skipIf(!asRoot)('export', () => {
  it('writes the merged root as a tar without a root entry and leaves the stream open', async () => {
    const id = await fx.container('e1', 'echo hi > /tmp/x; rm /bin/ls', 'exited');
    const out = new PassThrough();
    const bytes = collect(out);
    await fx.engine.exportContainer(id, out);
    expect(out.writableEnded).toBe(false);
    out.end();
    const names = (await listTar(await bytes)).map((e) => e.header.name);
    expect(names).toContain('bin/busybox');
    expect(names).toContain('tmp/x');
    expect(names).not.toContain('bin/ls');
    expect(names.some((n) => n.startsWith('/') || n.startsWith('./'))).toBe(false);
    expect(names[0]).toBe('bin/');
  });
});
