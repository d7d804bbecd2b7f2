/**
 * Optional tier: the CLI (`berth --host unix://…`) and the TUI manage a real dockerd through
 * connectEngine. A private dockerd runs on temp dirs (stopped by its PID); it gets the demo
 * busybox through `berth save` and the remote engine's loadImages. Skipped, saying why, when
 * /usr/sbin/dockerd is not installed (apt-get install docker.io).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createReadStream, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// a plain .mjs helper shared with the benchmarks (node-pty + a headless xterm)
import { spawnScreen } from '../../../bench/lib/pty-screen.mjs';
import { connectEngine } from '../../../src/api/client/index.js';
import type { Engine } from '../../../src/engine/engine.js';
import { BERTH, TARGET, makeRoot, ok, type RunResult } from '../../helpers/cli.js';
import { needsDist, until, remote } from './support.js';

const dockerd = ['/usr/sbin/dockerd', '/usr/bin/dockerd'].find((p) => existsSync(p));
const skip = !dockerd ? ' (skipped: dockerd is not installed; apt-get install docker.io)' : TARGET === 'docker' ? ' (skipped: berth-only)' : needsDist;


describe.skipIf(!!skip)(`berth --host and the TUI against a private dockerd${skip}`, () => {
  let dir: string;
  let daemon: ChildProcess | undefined;
  let host: string;
  let engine: Engine;
  let berthRoot: { root: string; cleanup: () => void };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'berth-dockerd-'));
    const sock = join(dir, 'd.sock');
    host = `unix://${sock}`;
    daemon = spawn(dockerd!, [
      '--data-root', join(dir, 'data'), '--exec-root', join(dir, 'exec'), '-H', host, '--pidfile', join(dir, 'pid'),
      '--iptables=false', '--ip-masq=false', '--bridge=none',
    ], { stdio: 'ignore' });
    berthRoot = makeRoot('berth-dockerd-src-');
    await ok(berthRoot.root, ['image', 'demo', '-q']);
    await ok(berthRoot.root, ['save', '-o', join(dir, 'bb.tar'), 'busybox']);
    engine = await connectEngine(host);
    await until(async () => engine.version().then(() => true, () => false), 60_000, 'dockerd to answer');
    const loaded = await engine.loadImages(createReadStream(join(dir, 'bb.tar')));
    expect(loaded.loaded.map((l) => l.tag)).toContain('busybox:latest');
  }, 180_000);

  afterAll(async () => {
    if (engine) {
      for (const c of await engine.listContainers({ all: true }).catch(() => [])) await engine.removeContainer(c.Id, { force: true }).catch(() => undefined);
      await engine.close();
    }
    if (daemon && daemon.exitCode === null) {
      const exited = new Promise((r) => daemon!.once('exit', r));
      daemon.kill('SIGTERM');
      await exited;
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
    berthRoot?.cleanup();
  }, 120_000);

  it('negotiates the daemon\'s API version and lists its images', async () => {
    const v = await engine.version();
    expect(Number(v.ApiVersion.split('.')[1])).toBeGreaterThanOrEqual(41);
    const images = await remote(host, ['images', '--format', '{{.Repository}}:{{.Tag}}']);
    expect([images.code, images.stdout, images.stderr]).toEqual([0, 'busybox:latest\n', '']);
    // the TUI's Layers analysis from dockerd's own `docker save` format
    const layers = await engine.imageLayers('busybox');
    expect(layers.id).toBe((await engine.inspectImage('busybox')).Id);
    expect(layers.totalSize).toBeGreaterThan(500_000);
    expect(layers.layers.flatMap((l) => l.files).length).toBeGreaterThan(0);
  });

  it('runs (output and exit code), lists, shows logs and removes', async () => {
    const run = await remote(host, ['run', '--name', 'dd-run', '--network', 'none', 'busybox', 'sh', '-c', 'echo out-dockerd; echo err-dockerd >&2; exit 5']);
    expect([run.code, run.stdout, run.stderr]).toEqual([5, 'out-dockerd\n', 'err-dockerd\n']);
    const ps = await remote(host, ['ps', '-a', '--format', '{{.Names}} {{.Status}}']);
    expect(ps.stdout).toMatch(/^dd-run Exited \(5\)/m);
    const logs = await remote(host, ['logs', 'dd-run']);
    expect([logs.stdout, logs.stderr]).toEqual(['out-dockerd\n', 'err-dockerd\n']);
    const piped = await remote(host, ['run', '--rm', '-i', '--network', 'none', 'busybox', 'cat'], 'through stdin\n');
    expect([piped.code, piped.stdout, piped.stderr]).toEqual([0, 'through stdin\n', '']);
    expect((await remote(host, ['rm', 'dd-run'])).code).toBe(0);
    expect((await remote(host, ['inspect', 'dd-run'])).stderr).toContain('No such');
  });

  it('attaches to a running container and returns its exit code', async () => {
    const started = await remote(host, ['run', '-d', '--name', 'dd-attach', '--network', 'none', 'busybox', 'sh', '-c', 'sleep 2; for i in 1 2 3; do echo tick $i; sleep 0.3; done; exit 6']);
    expect(started.code).toBe(0);
    const att = await remote(host, ['attach', 'dd-attach']);
    expect(att.stdout).toContain('tick 3\n');
    expect(att.code).toBe(6);
    await remote(host, ['rm', '-f', 'dd-attach']);
  });

  it('the TUI shows the host in its status bar and lists a container started on dockerd', async () => {
    const { Id } = await engine.createContainer({ name: 'dd-tui', config: { Image: 'busybox', Cmd: ['sleep', '300'] }, hostConfig: { NetworkMode: 'none' } });
    await engine.startContainer(Id);
    const { BERTH_ROOT: _r, DOCKER_HOST: _h, ...env } = process.env;
    const screen = spawnScreen(process.execPath, [BERTH, '-H', host], {
      cols: 160, rows: 40, env: { ...env, LANG: 'C.UTF-8', TERM: 'xterm-256color', BERTH_HISTORY_FILE: join(dir, 'history') },
    });
    try {
      await screen.waitFor((s: string) => s.includes(host) && /dd-tui +busybox +running/.test(s), { timeoutMs: 60_000, what: 'the host and dd-tui in Containers' });
      expect(screen.text()).toMatch(/Containers \(1\)/);
      screen.write('q');
      const exit = await Promise.race([screen.exited, new Promise((r) => setTimeout(() => r('timeout'), 20_000))]);
      expect(exit).toMatchObject({ exitCode: 0 });
    } finally {
      screen.kill?.('SIGKILL');
      screen.dispose?.();
      await engine.removeContainer(Id, { force: true });
    }
  });
});
