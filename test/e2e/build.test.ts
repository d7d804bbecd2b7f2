/**
 * `berth build` from the command line, as the seed notes use it: the node-like app (busybox has
 * no node: the "npm install" is a shell script that also counts its runs on a local HTTP server,
 * reached with --network host), the ordering trick, .dockerignore, multi-stage, -t, -q,
 * --iidfile, stdin contexts, CMD override at run, bad input, and kill -9 / ctrl-c in a RUN.
 * With TEST_TARGET=docker the same commands run against `DOCKER_BUILDKIT=0 docker build`
 * (berth-only lines, such as the cache-miss explanations, are checked for berth only).
 */
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BERTH, TARGET, berth, ok } from '../helpers/cli.js';
import { containerRoot, containerIds, mountsUnder, sleep, until, type ContainerRoot } from '../helpers/containers.js';
import { settle } from '../helpers/settle.js';

const isBerth = TARGET === 'berth';
const env = { DOCKER_BUILDKIT: '0' };
const plain = isBerth ? ['--progress', 'plain'] : [];
/** docker's legacy-builder banner on stderr, which berth does not print. */
const clean = (stderr: string) => stderr.replace(/^DEPRECATED: The legacy builder[\s\S]*?variable\.\n\n?/, '');

function context(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'berth-e2e-ctx-'));
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    writeFileSync(join(dir, rel), content);
  }
  return dir;
}

describe('berth build', () => {
  let r: ContainerRoot;
  let server: Server;
  let installs = 0;
  let port = 0;
  const dirs: string[] = [];
  const ctx = (files: Record<string, string>) => { const d = context(files); dirs.push(d); return d; };
  const build = (args: string[], input?: string | Buffer) => berth(r.root, ['build', ...plain, ...args], { env, input, timeoutMs: 120_000 });

  beforeAll(async () => {
    r = await containerRoot('berth-e2e-build-');
    server = createServer((req, res) => { if (req.url === '/install') installs++; res.end('ok\n'); });
    await new Promise<void>((res) => server.listen(0, '127.0.0.1', res));
    port = (server.address() as AddressInfo).port;
  }, 120_000);
  afterAll(async () => {
    server.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
    await settle(r.root);
    await r.cleanup();
    await settle(r.root);
    rmSync(r.root, { recursive: true, force: true });
  });

  const app = () => ctx({
    'package.json': '{"name":"app","version":"1.0.0","dependencies":{}}\n',
    'install.sh': `wget -q -O- http://127.0.0.1:${port}/install >/dev/null && mkdir -p node_modules && echo installed > node_modules/marker\n`,
    'server.sh': 'echo "hello from $(cat node_modules/marker)"\n',
    'logs/debug.log': 'old log\n', 'node_modules/stale/index.js': 'stale\n',
    '.dockerignore': 'node_modules\nlogs\n',
    Dockerfile: 'FROM busybox\nWORKDIR /app\nCOPY package.json install.sh ./\nRUN sh install.sh\nCOPY . .\nEXPOSE 3000\nCMD ["sh", "server.sh"]\n',
  });

  it('builds the node-like app, tags it, runs it; CMD is overridable at run', async () => {
    const dir = app();
    const res = await build(['--network', 'host', '-t', 'app', dir]);
    expect(clean(res.stderr)).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/Step 1\/7 : FROM busybox\n ---> [0-9a-f]{12}\nStep 2\/7 : WORKDIR \/app\n/);
    expect(res.stdout).toMatch(/Step 4\/7 : RUN sh install.sh\n[\s\S]* ---> Running in [0-9a-f]{12}\n/);
    expect(res.stdout).toMatch(/Successfully built [0-9a-f]{12}\nSuccessfully tagged app:latest\n$/);
    expect(installs).toBe(1);
    expect(await ok(r.root, ['run', '--rm', 'app'])).toBe('hello from installed\n');
    expect(await ok(r.root, ['run', '--rm', 'app', 'ls', '-A'])).toBe('.dockerignore\nDockerfile\ninstall.sh\nnode_modules\npackage.json\nserver.sh\n');
    expect(await ok(r.root, ['run', '--rm', 'app', 'ls', 'node_modules'])).toBe('marker\n');
    expect(await ok(r.root, ['run', '--rm', 'app', 'echo', 'overridden'])).toBe('overridden\n');

    // the ordering trick: a source change reuses the install layer
    writeFileSync(join(dir, 'server.sh'), 'echo changed\n');
    const again = await build(['--network', 'host', '-t', 'app', dir]);
    expect(again.code).toBe(0);
    const steps = again.stdout.split(/^Step /m);
    expect(steps[4]).toMatch(/^4\/7 : RUN sh install.sh\n ---> Using cache\n ---> [0-9a-f]{12}\n$/);
    expect(steps[5]).not.toContain('Using cache');
    if (isBerth) expect(steps[5]).toContain(' ---> Cache miss: file changed: server.sh\n');
    expect(installs).toBe(1);
    expect(await ok(r.root, ['run', '--rm', 'app'])).toBe('changed\n');

    // an ignored file changing does not matter; package.json does
    writeFileSync(join(dir, 'logs', 'debug.log'), 'new log\n');
    expect((await build(['--network', 'host', '-t', 'app', dir])).stdout).not.toContain('Running in');
    writeFileSync(join(dir, 'package.json'), '{"name":"app","version":"1.0.1","dependencies":{}}\n');
    const third = await build(['--network', 'host', '-t', 'app', dir]);
    if (isBerth) expect(third.stdout).toContain(' ---> Cache miss: file changed: package.json\n');
    expect(third.stdout).toMatch(/Step 4\/7 : RUN sh install.sh\n( ---> Cache miss: parent step changed\n)? ---> Running in/);
    expect(installs).toBe(2);
  });

  it('-q prints only the ID; --iidfile writes it; -f - and - read stdin', async () => {
    const dir = ctx({ 'hello.txt': 'hi\n', Dockerfile: 'FROM busybox\nCOPY hello.txt /\nCMD ["cat", "/hello.txt"]\n' });
    const iid = join(dir, 'iid');
    const q = await berth(r.root, ['build', '-q', '--iidfile', iid, '-t', 'q:1', dir], { env });
    expect(q.code).toBe(0);
    expect(q.stdout).toMatch(/^sha256:[0-9a-f]{64}\n$/);
    expect(readFileSync(iid, 'utf8')).toBe(q.stdout); // with -q docker keeps the newline
    const stdinDf = await berth(r.root, ['build', '-q', '-f', '-', '-t', 'q:2', dir], { env, input: 'FROM busybox\nCOPY hello.txt /from-stdin\n' });
    expect(stdinDf.code).toBe(0);
    expect(await ok(r.root, ['run', '--rm', 'q:2', 'cat', '/from-stdin'])).toBe('hi\n');
    const noCtx = await berth(r.root, ['build', '-q', '-t', 'q:3', '-'], { env, input: 'FROM busybox\nCMD ["echo", "no context"]\n' });
    expect(noCtx.code).toBe(0);
    expect(await ok(r.root, ['run', '--rm', 'q:3'])).toBe('no context\n');
    const tar = execFileSync('tar', ['-C', dir, '-cf', '-', 'Dockerfile', 'hello.txt']);
    const tarCtx = await berth(r.root, ['build', '-q', '-t', 'q:4', '-'], { env, input: tar });
    expect(tarCtx.code).toBe(0);
    expect(await ok(r.root, ['run', '--rm', 'q:4'])).toBe('hi\n');
  });

  it('multi-stage: the final image lacks the builder\'s files; unused stages are skipped', async () => {
    const dir = ctx({
      'main.c': 'int main() {}\n',
      Dockerfile: 'FROM busybox AS builder\nWORKDIR /src\nCOPY main.c .\nRUN cp main.c app.bin && echo tools > /src/builder-only\n\n'
        + 'FROM busybox AS tests\nRUN echo tests-stage-ran\n\nFROM busybox\nCOPY --from=builder /src/app.bin /usr/local/bin/app.bin\nCMD ["ls", "/usr/local/bin", "/src"]\n',
    });
    const res = await build(['-t', 'multi', dir]);
    expect(res.code).toBe(0);
    if (isBerth) expect(res.stdout).not.toContain('tests-stage-ran');
    const run = await berth(r.root, ['run', '--rm', 'multi']);
    expect(run.stdout).toBe('/usr/local/bin:\napp.bin\n');
    expect(run.stderr).toContain("ls: /src: No such file or directory");
  });

  it('bad input: clear errors, exit codes, nothing tagged, no containers left', async () => {
    const imageSet = async () => (await ok(r.root, ['images', '-q'])).split('\n').sort().join('\n');
    const images = await imageSet();
    const bad = await berth(r.root, ['build', '-t', 'Bad:Tag', '.'], { env });
    expect(bad.code).toBe(125);
    expect(bad.stderr).toContain('invalid argument "Bad:Tag" for "-t, --tag" flag: invalid reference format: repository name (library/Bad) must be lowercase');
    const dir = ctx({ 'x.txt': 'x' });
    const missing = await build(['-t', 'nope', dir]);
    expect(missing.code).toBe(1);
    expect(clean(missing.stderr)).toBe(`unable to prepare context: unable to evaluate symlinks in Dockerfile path: lstat ${dir}/Dockerfile: no such file or directory\n`);
    writeFileSync(join(dir, 'Dockerfile'), 'FROM busybox\nRUN echo partial; echo oops >&2; exit 7\n');
    const failing = await build(['-t', 'nope', dir]);
    expect(failing.code).toBe(7);
    expect(failing.stdout).toContain('partial\n');
    expect(failing.stderr).toContain("The command '/bin/sh -c echo partial; echo oops >&2; exit 7' returned a non-zero code: 7\n");
    writeFileSync(join(dir, 'Dockerfile'), 'FROM busybox\nCOPY missing.txt /\n');
    const copy = await build(['-t', 'nope', dir]);
    expect(copy.code).toBe(1);
    expect(copy.stderr).toContain('COPY failed: file not found in build context or excluded by .dockerignore: stat missing.txt: file does not exist');
    if (isBerth) {
      writeFileSync(join(dir, 'Dockerfile'), 'FROM busybox\nRUNN true\n');
      const parse = await build(['-t', 'nope', dir]);
      expect(parse).toMatchObject({ code: 1, stderr: 'Error response from daemon: Dockerfile:2:1: unknown instruction: RUNN (did you mean RUN?)\n' });
    }
    expect(await imageSet()).toBe(images);
    // docker's legacy builder keeps a failed RUN's container (no --force-rm); berth removes it
    if (isBerth) expect(await containerIds(r.root)).toEqual([]);
  });

  // docker's legacy builder (the comparison target here) has no RUN --mount: BuildKit's semantics, berth only
  it.runIf(isBerth)('RUN --mount: a cache mount persists across builds and builder prune removes it; secret is NOT_IMPLEMENTED', async () => {
    const dir = ctx({ 'data.txt': 'bound\n', Dockerfile: 'FROM busybox\nARG N\nRUN --mount=type=cache,target=/c --mount=type=bind,source=data.txt,target=/d echo $N >> /c/runs && cat /d /c/runs > /out\n' });
    expect((await build(['--build-arg', 'N=1', '-t', 'mnt', dir])).code).toBe(0);
    expect((await build(['--build-arg', 'N=2', '-t', 'mnt', dir])).code).toBe(0);
    expect(await ok(r.root, ['run', '--rm', 'mnt', 'cat', '/out'])).toBe('bound\n1\n2\n');
    expect(await ok(r.root, ['run', '--rm', 'mnt', 'sh', '-c', 'ls /c /d 2>&1 || true'])).toMatch(/No such file or directory[\s\S]*No such file or directory/);
    const prune = await ok(r.root, ['builder', 'prune', '-a', '-f']);
    expect(prune).toMatch(/Total reclaimed space: [1-9]/);
    expect((await build(['--build-arg', 'N=3', '-t', 'mnt', dir])).code).toBe(0);
    expect(await ok(r.root, ['run', '--rm', 'mnt', 'cat', '/out'])).toBe('bound\n3\n');
    writeFileSync(join(dir, 'Dockerfile'), 'FROM busybox\nRUN --mount=type=secret,id=npmrc cat /run/secrets/npmrc\n');
    const secret = await build(['-t', 'nope', dir]);
    expect(secret.code).toBe(1);
    expect(secret.stderr).toContain('Dockerfile:2:1: RUN --mount=type=secret is not supported by berth yet');
  });

  it.runIf(isBerth)('ctrl-c and kill -9 in the middle of a RUN: no tag, and nothing leaks past the next build', async () => {
    const dir = ctx({ Dockerfile: 'FROM busybox\nRUN echo running; sleep 60\n' });
    const start = () => {
      const child = spawn(process.execPath, [BERTH, 'build', '--progress', 'plain', '--no-cache', '-t', 'interrupted', dir], {
        env: { ...process.env, BERTH_ROOT: r.root }, stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      child.stdout.on('data', (d) => { out += d; });
      const exited = new Promise<number | null>((res) => child.on('exit', (code, sig) => res(code ?? (sig ? -1 : null))));
      return { child, exited, running: () => until(() => out.includes('running\n'), 30_000, 'the RUN to start') };
    };
    const a = start();
    await a.running();
    a.child.kill('SIGINT');
    expect(await a.exited).toBe(130);
    expect(await containerIds(r.root)).toEqual([]);
    expect(mountsUnder(r.root)).toEqual([]);

    const b = start();
    await b.running();
    b.child.kill('SIGKILL');
    await b.exited;
    expect((await containerIds(r.root)).length).toBe(1); // the RUN's container outlives its build
    const next = await build(['-q', ctx({ Dockerfile: 'FROM busybox\nCMD ["true"]\n' })]);
    expect(next.code).toBe(0);
    await sleep(100);
    expect(await containerIds(r.root)).toEqual([]);
    expect(mountsUnder(r.root)).toEqual([]);
    expect((await berth(r.root, ['image', 'inspect', 'interrupted'])).code).toBe(1);
  });

  it.runIf(isBerth)('builder prune and system df see the build cache', async () => {
    await build(['-q', ctx({ 'blob.bin': 'z'.repeat(40_000), Dockerfile: 'FROM busybox\nCOPY blob.bin /\nENV UNTAGGED=1\n' })]);
    expect(await ok(r.root, ['system', 'df'])).toMatch(/\nBuild Cache +\d+ +\d+ +[\d.]+[kMG]?B/);
    const prune = await ok(r.root, ['builder', 'prune', '-f']);
    expect(prune).toMatch(/^Deleted build cache objects:\n([0-9a-f]{64}\n)+\nTotal reclaimed space: \d+(\.\d+)?kB\n$/);
    // the tagged app keeps its image and its chain
    expect(await ok(r.root, ['run', '--rm', 'app'])).toBe('changed\n');
  });
});
