/**
 * connectEngine against `berth serve` on a temp root: the Engine interface over the Docker API
 * (containers, attach, logs, images, events) and docker's error statuses mapped back to codes.
 */
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectEngine } from '../../../src/api/client/index.js';
import type { Engine } from '../../../src/engine/engine.js';
import { BERTH, makeRoot, type RunResult } from '../../helpers/cli.js';
import { skipServe, startServe, type Served } from '../../helpers/serve.js';
import { Collect, codeOf, needsDist, until, berthEnv } from './support.js';


describe.skipIf(skipServe || !!needsDist)(`remote engine over berth serve${needsDist}`, () => {
  let s: Served;
  let engine: Engine;
  let host: string;
  const t0 = Date.now() / 1000 - 1;

  beforeAll(async () => {
    s = await startServe('berth-remote-');
    host = `unix://${s.sock}`;
    engine = await connectEngine(host);
  });
  afterAll(async () => {
    await engine?.close();
    await s?.stop();
  });

  it('negotiates the API version and describes itself by host', async () => {
    expect(engine.description).toBe(host);
    expect((await engine.version()).ApiVersion).toBe('1.50');
    expect((await engine.info()).OSType).toBe('linux');
  });

  it('creates, starts attached, waits, reads logs, inspects and removes a container', async () => {
    const { Id } = await engine.createContainer({
      name: 'remote-a',
      config: { Image: 'busybox', Cmd: ['sh', '-c', 'echo out; echo err >&2; exit 7'], AttachStdout: true, AttachStderr: true },
      hostConfig: { NetworkMode: 'none' },
    });
    expect((await engine.listContainers({ all: true })).map((c) => c.Names[0])).toContain('/remote-a');
    const stdout = new Collect();
    const stderr = new Collect();
    const r = await engine.startContainer(Id, { attach: { stdout, stderr } });
    expect(r.alreadyRunning).toBe(false);
    expect(await r.attach!.done).toBe('eof');
    expect((await engine.waitContainer(Id, 'not-running')).StatusCode).toBe(7);
    expect(stdout.text).toBe('out\n');
    expect(stderr.text).toBe('err\n');
    const lines = [];
    for await (const l of engine.containerLogs('remote-a', {})) lines.push({ stream: l.stream, line: l.line.toString(), time: l.time });
    expect(lines.map(({ stream, line }) => ({ stream, line }))).toEqual([{ stream: 'stdout', line: 'out\n' }, { stream: 'stderr', line: 'err\n' }]);
    expect(lines[0]!.time).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z$/);
    const info = await engine.inspectContainer('remote-a');
    expect(info.State.ExitCode).toBe(7);
    expect(info.Id).toBe(Id);
    await engine.removeContainer(Id);
    expect(await codeOf(engine.inspectContainer(Id))).toBe('NOT_FOUND');
  });

  it('carries stdin through a hijacked attach (run -i) and a tty stream unframed', async () => {
    const { Id } = await engine.createContainer({
      config: { Image: 'busybox', Cmd: ['cat'], OpenStdin: true, StdinOnce: true, AttachStdin: true, AttachStdout: true, AttachStderr: true },
      hostConfig: { NetworkMode: 'none' },
    });
    const stdin = new PassThrough();
    const stdout = new Collect();
    const r = await engine.startContainer(Id, { attach: { stdin, stdout, stderr: new Collect() } });
    stdin.end('hello remote\n');
    expect(await r.attach!.done).toBe('eof');
    expect(stdout.text).toBe('hello remote\n');
    expect((await engine.waitContainer(Id, 'not-running')).StatusCode).toBe(0);

    const tty = await engine.createContainer({
      config: { Image: 'busybox', Cmd: ['sh', '-c', 'echo on-tty; sleep 30'], Tty: true, AttachStdout: true },
      hostConfig: { NetworkMode: 'none' },
    });
    await engine.startContainer(tty.Id);
    const out = new Collect();
    const h = await engine.attachContainer(tty.Id, { stdout: out });
    await engine.killContainer(tty.Id, 'KILL');
    await h.done;
    const logs = [];
    for await (const l of engine.containerLogs(tty.Id, {})) logs.push(l.line.toString());
    expect(logs.join('')).toContain('on-tty');
    await engine.removeContainer(tty.Id, { force: true });
    await engine.removeContainer(Id, { force: true });
  });

  it('stops (false when not running), refuses to remove a running container, force-removes', async () => {
    const { Id } = await engine.createContainer({ config: { Image: 'busybox', Cmd: ['sleep', '60'] }, hostConfig: { NetworkMode: 'none' } });
    expect((await engine.startContainer(Id)).alreadyRunning).toBe(false);
    expect((await engine.inspectContainer(Id)).State.Running).toBe(true);
    expect(await codeOf(engine.removeContainer(Id))).toBe('CONFLICT');
    expect(await engine.stopContainer(Id, { timeout: 0 })).toBe(true);
    expect(await engine.stopContainer(Id, { timeout: 0 })).toBe(false);
    await engine.removeContainer(Id, { force: true });
  });

  it('lists, inspects, tags and removes images', async () => {
    const images = await engine.listImages();
    const bb = images.find((i) => i.RepoTags.includes('busybox:latest'));
    expect(bb).toBeTruthy();
    const info = await engine.inspectImage('busybox');
    expect(info.Id).toBe(bb!.Id);
    expect((await engine.imageHistory('busybox')).length).toBeGreaterThan(0);
    await engine.tagImage('busybox', 'remote.example:5000/team/bb:v1');
    expect((await engine.inspectImage('remote.example:5000/team/bb:v1')).Id).toBe(info.Id);
    expect((await engine.listImages()).flatMap((i) => i.RepoTags)).toContain('remote.example:5000/team/bb:v1');
    const removed = await engine.removeImage('remote.example:5000/team/bb:v1');
    expect(removed).toEqual([{ Untagged: 'remote.example:5000/team/bb:v1' }]);
    expect(await codeOf(engine.inspectImage('remote.example:5000/team/bb:v1'))).toBe('NOT_FOUND');
  });

  it('streams past events and follows live ones until aborted', async () => {
    const past = [];
    for await (const e of engine.events({ since: t0, filters: { type: ['container'] } })) past.push(e.Action);
    expect(past).toEqual(expect.arrayContaining(['create', 'start', 'die', 'destroy']));

    const ac = new AbortController();
    const seen: string[] = [];
    const following = (async () => {
      for await (const e of engine.events({ follow: true, signal: ac.signal, filters: { type: ['container'] } })) {
        seen.push(`${e.Action} ${e.Actor.Attributes.name ?? ''}`);
      }
    })();
    await new Promise((r) => setTimeout(r, 300));
    const { Id } = await engine.createContainer({ name: 'remote-ev', config: { Image: 'busybox', Cmd: ['true'] }, hostConfig: {} });
    await until(() => seen.includes('create remote-ev'), 20_000, 'the create event');
    ac.abort();
    await following;
    await engine.removeContainer(Id, { force: true });
  });

  it('maps docker error statuses back to engine error codes', async () => {
    expect(await codeOf(engine.inspectContainer('no-such-container'))).toBe('NOT_FOUND');
    expect(await codeOf(engine.inspectImage('no-such-image:v9'))).toBe('NOT_FOUND');
    const { Id } = await engine.createContainer({ name: 'remote-dup', config: { Image: 'busybox', Cmd: ['true'] }, hostConfig: {} });
    expect(await codeOf(engine.createContainer({ name: 'remote-dup', config: { Image: 'busybox', Cmd: ['true'] }, hostConfig: {} }))).toBe('CONFLICT');
    await engine.removeContainer(Id);
    expect(await codeOf(engine.tagImage('busybox', ''))).toBe('INVALID_ARGUMENT');
    // embedded-only operations say which host could not do them
    await expect(engine.createDemoImage('x')).rejects.toMatchObject({ code: 'NOT_IMPLEMENTED', message: expect.stringContaining(host) });
    await expect(engine.bootContainers()).rejects.toMatchObject({ code: 'NOT_IMPLEMENTED' });
    const gone = await connectEngine(`unix://${join(s.root, 'missing.sock')}`);
    expect(await codeOf(gone.listContainers())).toBe('UNAVAILABLE');
  });

  it('berth --host / -H / DOCKER_HOST drive every verb through the remote engine', async () => {
    const run = await berthEnv(['--host', host, 'run', '--name', 'remote-cli', '--network', 'none', 'busybox', 'sh', '-c', 'echo via-cli; exit 3'], {});
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('via-cli\n');
    expect(run.code).toBe(3);
    const ps = await berthEnv(['-H', host, 'ps', '-a', '--format', '{{.Names}} {{.Status}}'], {});
    expect(ps.stdout).toMatch(/^remote-cli Exited \(3\)/m);
    expect((await berthEnv(['logs', 'remote-cli'], { DOCKER_HOST: host })).stdout).toBe('via-cli\n');
    expect((await berthEnv(['inspect', '-f', '{{.State.ExitCode}}', 'remote-cli'], { DOCKER_HOST: host })).stdout).toBe('3\n');
    const rmRun = await berthEnv(['-H', host, 'run', '--rm', '-i', '--network', 'none', 'busybox', 'cat'], {}, 'piped\n');
    expect([rmRun.code, rmRun.stdout, rmRun.stderr]).toEqual([0, 'piped\n', '']);
    // An explicit --root wins over DOCKER_HOST: conmon's hooks (which pass --root) stay local.
    const other = makeRoot('berth-remote-local-');
    try {
      const local = await berthEnv(['--root', other.root, 'ps', '-a', '-q'], { DOCKER_HOST: host });
      expect([local.code, local.stdout]).toEqual([0, '']);
    } finally { other.cleanup(); }
    // daemon errors read as docker prints them (not as berth's internal errors), with run's 127
    const noCmd = await berthEnv(['-H', host, 'run', '--network', 'none', 'busybox', 'no-such-command'], {});
    expect(noCmd.code).toBe(127);
    expect(noCmd.stderr).toMatch(/^berth: Error response from daemon: .*executable file not found/);
    // a 404 from create is the missing image: the CLI pulls (and fails here, offline) as docker does
    const noImage = await berthEnv(['-H', host, 'run', '--network', 'none', 'no-such-image:v1'], {});
    expect(noImage.code).toBe(125);
    expect(noImage.stderr).toContain("Unable to find image 'no-such-image:v1' locally");
    expect(noImage.stderr).not.toContain('internal error');
    expect((await berthEnv(['-H', host, 'rm', 'remote-cli'], {})).code).toBe(0);
    const missing = await berthEnv(['-H', host, 'inspect', 'remote-cli'], {});
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('No such');
  });
});
