/**
 * `berth serve` driven by the stock docker CLI (v28) over a unix socket: ping/version negotiation,
 * images, the attached `run` choreography (attach before start, /wait flushed early, hijack with
 * stdcopy, exit codes), -d/ps/logs/rm -f, inspect, error statuses. berth-only: under
 * TEST_TARGET=docker the docker CLI already talks to dockerd in the other suites.
 */
import { statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { berth } from '../helpers/cli.js';
import { skipServe, startServe, type Served } from '../helpers/serve.js';

let ctx: Served;
let sock: string;
const docker = (args: string[], input = '') => ctx.docker(args, input);

describe.skipIf(skipServe)('berth serve with the docker CLI', () => {
  beforeAll(async () => {
    ctx = await startServe();
    sock = ctx.sock;
  });
  afterAll(async () => { if (ctx) await ctx.stop(); });

  it('creates the socket 0660 and answers docker version with the server part', async () => {
    expect(statSync(sock).mode & 0o777).toBe(0o660);
    const r = await docker(['version']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Server:[\s\S]*API version:\s+1\.50 \(minimum version 1\.24\)/);
  });

  it('docker images lists busybox; docker inspect busybox falls through to the image', async () => {
    const images = await docker(['images']);
    expect(images.stdout).toMatch(/^busybox\s+latest\s+[0-9a-f]{12}/m);
    const inspect = await docker(['inspect', '-f', '{{.Id}}', 'busybox']);
    expect(inspect.code, inspect.stderr).toBe(0);
    expect(inspect.stdout.trim()).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('docker run --rm prints the output and leaves nothing; exit codes pass through', async () => {
    const hi = await docker(['run', '--rm', 'busybox', 'echo', 'hi']);
    expect(hi).toMatchObject({ code: 0, stdout: 'hi\n' });
    const three = await docker(['run', 'busybox', 'sh', '-c', 'echo out; echo err >&2; exit 3']);
    expect(three.code).toBe(3);
    expect(three.stdout).toBe('out\n');
    expect(three.stderr).toBe('err\n');
    const missing = await docker(['run', '--rm', 'busybox', 'nosuchcmd']);
    expect(missing.code).toBe(127);
    const piped = await docker(['run', '-i', '--rm', 'busybox', 'cat'], 'data\n');
    expect(piped).toMatchObject({ code: 0, stdout: 'data\n' });
    const left = await docker(['ps', '-aq']);
    expect(left.stdout.trim().split('\n').filter(Boolean)).toHaveLength(1); // only the exit-3 one
  });

  it('run -d, ps, logs (stdcopy split, -t), rm -f', async () => {
    const d = await docker(['run', '-d', '--name', 'web', 'busybox', 'sh', '-c', 'echo started; echo oops >&2; sleep 30']);
    expect(d.code, d.stderr).toBe(0);
    expect(d.stdout.trim()).toMatch(/^[0-9a-f]{64}$/);
    expect((await docker(['ps'])).stdout).toMatch(/\bweb\n/);
    let logs = await docker(['logs', 'web']);
    for (let i = 0; i < 40 && !logs.stderr.includes('oops'); i++) logs = await docker(['logs', 'web']);
    expect(logs).toMatchObject({ code: 0, stdout: 'started\n', stderr: 'oops\n' });
    expect((await docker(['logs', '-t', 'web'])).stdout).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z started\n$/);
    const rm = await docker(['rm', '-f', 'web']);
    expect(rm).toMatchObject({ code: 0, stdout: 'web\n' });
    expect((await docker(['ps', '-a'])).stdout).not.toMatch(/\bweb\n/);
  });

  it('maps errors to docker statuses and messages', async () => {
    const nope = await docker(['inspect', 'nope']);
    expect(nope.code).toBe(1);
    expect(nope.stderr).toBe('Error: No such object: nope\n');
    const stop = await docker(['stop', 'nope']);
    expect(stop.stderr).toMatch(/Error response from daemon: No such container: nope/);
    const plugins = await docker(['plugin', 'ls']);
    expect(plugins).toMatchObject({ code: 1, stderr: 'Error response from daemon: page not found\n' });
  });

  it('refuses a TCP listener without TLS', async () => {
    const r = await berth(ctx.root, ['serve', '-H', 'tcp://127.0.0.1:2375']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/refusing to listen on tcp:\/\/127\.0\.0\.1:2375: a TCP listener needs TLS/);
  });
});
