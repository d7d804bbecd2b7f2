/**
 * The rest of the Engine interface over berth serve: exec (attached and detached), builds with
 * their events, volumes, save → load, commit, and the CLI's exec/build through --host.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough, Readable, Writable } from 'node:stream';
import pty from 'node-pty';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuildEvent } from '../../../src/build/types.js';
import { connectEngine } from '../../../src/api/client/index.js';
import type { Engine } from '../../../src/engine/engine.js';
import { BERTH, type RunResult } from '../../helpers/cli.js';
import { skipServe, startServe, type Served } from '../../helpers/serve.js';
import { Collect, codeOf, needsDist, until, remote } from './support.js';


describe.skipIf(skipServe || !!needsDist)(`remote engine: exec, build, volumes, save/load${needsDist}`, () => {
  let s: Served;
  let engine: Engine;
  let host: string;
  let box: string;

  beforeAll(async () => {
    s = await startServe('berth-remote-more-');
    host = `unix://${s.sock}`;
    engine = await connectEngine(host);
    box = (await engine.createContainer({ name: 'box', config: { Image: 'busybox', Cmd: ['sleep', '300'] }, hostConfig: { NetworkMode: 'none' } })).Id;
    await engine.startContainer(box);
  });
  afterAll(async () => {
    await engine?.close();
    await s?.stop();
  });

  it('execs attached (output, stdin, exit code) and detached', async () => {
    const { Id } = await engine.execCreate('box', { Cmd: ['sh', '-c', 'cat; echo to-err >&2; exit 9'], AttachStdin: true, AttachStdout: true, AttachStderr: true });
    const stdin = new PassThrough();
    const out = new Collect();
    const err = new Collect();
    const { attach } = await engine.execStart(Id, { attach: { stdin, stdout: out, stderr: err } });
    stdin.end('via exec stdin\n');
    expect(await attach!.done).toBe('eof');
    expect([out.text, err.text]).toEqual(['via exec stdin\n', 'to-err\n']);
    const info = await engine.execInspect(Id);
    expect([info.Running, info.ExitCode]).toEqual([false, 9]);

    const d = await engine.execCreate('box', { Cmd: ['sh', '-c', 'echo detached > /tmp/mark'] });
    expect(await engine.execStart(d.Id, { detach: true })).toEqual({});
    const check = await engine.execCreate('box', { Cmd: ['cat', '/tmp/mark'], AttachStdout: true });
    const c = new Collect();
    for (let i = 0; i < 50 && !c.text; i++) {
      const again = i === 0 ? check : await engine.execCreate('box', { Cmd: ['cat', '/tmp/mark'], AttachStdout: true });
      await (await engine.execStart(again.Id, { attach: { stdout: c, stderr: new Collect() } })).attach!.done;
      if (!c.text) await new Promise((r) => setTimeout(r, 100));
    }
    expect(c.text).toBe('detached\n');
    expect(await codeOf(engine.execInspect('no-such-exec'))).toBe('NOT_FOUND');
  });

  it('builds from a context directory, mapping the JSON stream back to build events', async () => {
    const ctx = join(s.root, 'ctx');
    mkdirSync(ctx);
    writeFileSync(join(ctx, 'Dockerfile'), 'FROM busybox\nCOPY hello.txt /hello.txt\nRUN cat /hello.txt\nCMD ["cat", "/hello.txt"]\n');
    writeFileSync(join(ctx, 'hello.txt'), 'from the context\n');
    const h = engine.build({ context: ctx, tags: ['remote-built:v1'] });
    const events: BuildEvent[] = [];
    for await (const e of h.events) events.push(e);
    const r = await h.result;
    expect(r.tags).toEqual(['remote-built:v1']);
    expect((await engine.inspectImage('remote-built:v1')).Id).toBe(r.imageId);
    expect(events.filter((e) => e.type === 'step').map((e) => (e as { text: string }).text)).toEqual([
      'FROM busybox', 'COPY hello.txt /hello.txt', 'RUN cat /hello.txt', 'CMD ["cat", "/hello.txt"]',
    ]);
    expect(events.some((e) => e.type === 'output' && e.data.includes('from the context'))).toBe(true);
    expect(events.at(-2)).toMatchObject({ type: 'built' });
    expect(events.at(-1)).toEqual({ type: 'tagged', reference: 'remote-built:v1' });

    // a Dockerfile given as text (`-f -`) travels inside the context tar, as the docker CLI sends it
    const t = engine.build({ context: ctx, dockerfileText: 'FROM busybox\nRUN false\n', tags: ['never:v1'] });
    const failed: BuildEvent[] = [];
    for await (const e of t.events) failed.push(e);
    await expect(t.result).rejects.toMatchObject({ message: expect.stringContaining('returned a non-zero code: 1') });
    expect(failed.filter((e) => e.type === 'step').map((e) => (e as { text: string }).text)).toEqual(['FROM busybox', 'RUN false']);
    expect(failed.at(-1)).toMatchObject({ type: 'error' });
  });

  it('analyses an image\'s layers from GET /images/{name}/get as the local engine does from its snapshots', async () => {
    const ctx = join(s.root, 'ctx-layers');
    mkdirSync(ctx);
    writeFileSync(join(ctx, 'Dockerfile'), 'FROM busybox\nRUN dd if=/dev/zero of=/big bs=1024 count=64 && mkdir -p /d && echo a > /d/a\nRUN rm /big && echo x > /small\nENV Z=1\n');
    const h = engine.build({ context: ctx, tags: ['layered:v1'] });
    for await (const _ of h.events) { /* drain */ }
    const { imageId } = await h.result;
    const remoteA = await engine.imageLayers('layered:v1');
    const { createEngine } = await import('../../../src/engine/create-engine.js');
    const local = await createEngine({ root: s.root });
    try {
      const localA = await local.imageLayers('layered:v1');
      expect(remoteA.id).toBe(imageId);
      expect(remoteA.layers.map((l) => [l.createdBy, l.empty, l.files, l.wastedBytes])).toEqual(localA.layers.map((l) => [l.createdBy, l.empty, l.files, l.wastedBytes]));
      expect([remoteA.efficiency, remoteA.wastedBytes, remoteA.inefficientPaths]).toEqual([localA.efficiency, localA.wastedBytes, localA.inefficientPaths]);
      expect(remoteA.wastedBytes).toBeGreaterThanOrEqual(64 * 1024);
      expect(remoteA.layers.find((l) => l.createdBy.includes('rm /big'))!.files).toContainEqual({ path: 'big', kind: 'removed', type: 'file', size: 65536 });
    } finally {
      await local.close();
    }
  });

  it('creates, lists, inspects and removes volumes', async () => {
    const v = await engine.createVolume({ Name: 'remote-vol', Labels: { team: 'a' } });
    expect(v.Name).toBe('remote-vol');
    expect((await engine.listVolumes()).Volumes.map((x) => x.Name)).toContain('remote-vol');
    expect((await engine.inspectVolume('remote-vol')).Labels).toEqual({ team: 'a' });
    await engine.removeVolume('remote-vol');
    expect(await codeOf(engine.inspectVolume('remote-vol'))).toBe('NOT_FOUND');
  });

  it('saves an image and loads it back; commits a container', async () => {
    const chunks: Buffer[] = [];
    const sink = new Writable({ write(c: Buffer, _e, cb) { chunks.push(c); cb(); } });
    await engine.saveImages(['busybox'], sink);
    const tar = Buffer.concat(chunks);
    expect(tar.length).toBeGreaterThan(100_000);
    const id = (await engine.inspectImage('busybox')).Id;
    await engine.removeImage('busybox', { force: true });
    const loaded = await engine.loadImages(Readable.from([tar]));
    expect(loaded.loaded).toContainEqual({ tag: 'busybox:latest', id });

    const c = await engine.commitContainer('box', { repo: 'committed', tag: 'v2', changes: ['ENV REMOTE=1'] });
    expect((await engine.inspectImage('committed:v2')).Id).toBe(c.Id);
    expect((await engine.inspectImage('committed:v2')).Config.Env).toContain('REMOTE=1');
  });

  it('run -it on a pty: input reaches the tty, ctrl-p ctrl-q detaches and leaves it running', async () => {
    const { BERTH_ROOT: _r, DOCKER_HOST: _h, ...env } = process.env;
    const t = pty.spawn(process.execPath, [BERTH, '-H', host, 'run', '-it', '--name', 'tty-box', '--network', 'none', 'busybox', 'sh'], {
      cols: 80, rows: 24, name: 'xterm', env: env as Record<string, string>,
    });
    let out = '';
    t.onData((d) => { out += d; });
    const exited = new Promise<number>((r) => t.onExit((e) => r(e.exitCode)));
    try {
      await until(() => out.includes('# '), 30_000, 'the shell prompt');
      t.write('echo $((6*7))\r');
      await until(() => out.includes('42'), 30_000, 'the echo');
      t.write('\x10\x11');
      expect(await exited).toBe(0);
      expect((await engine.inspectContainer('tty-box')).State.Running).toBe(true);
    } finally {
      try { t.kill(); } catch { /* exited */ }
      await engine.removeContainer('tty-box', { force: true }).catch(() => undefined);
    }
  });

  it('berth -H … exec and build', async () => {
    const ex = await remote(host, ['exec', 'box', 'sh', '-c', 'echo cli-exec; exit 4']);
    expect([ex.code, ex.stdout]).toEqual([4, 'cli-exec\n']);
    const ctx = join(s.root, 'ctx2');
    mkdirSync(ctx);
    writeFileSync(join(ctx, 'Dockerfile'), 'FROM busybox\nRUN echo step-output\n');
    const b = await remote(host, ['build', '-t', 'cli-built:v1', ctx]);
    expect(b.code).toBe(0);
    expect(b.stdout).toMatch(/^Step 1\/2 : FROM busybox\n ---> [0-9a-f]{12}\nStep 2\/2 : RUN echo step-output\n/);
    expect(b.stdout).toContain('step-output\n');
    expect(b.stdout).toMatch(/Successfully built [0-9a-f]{12}\nSuccessfully tagged cli-built:v1\n$/);
  });
});
