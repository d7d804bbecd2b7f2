/**
 * The API as the npm ecosystem drives it: dockerode (list, create, start, attach, remove) and
 * testcontainers (GenericContainer with a log-message wait, mapped port, stop) against berth serve.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skipServe, startServe, type Served } from '../helpers/serve.js';

let ctx: Served;

describe.skipIf(skipServe)('berth serve with dockerode and testcontainers', () => {
  beforeAll(async () => { ctx = await startServe('berth-clients-'); });
  afterAll(async () => { if (ctx) await ctx.stop(); });

  it('dockerode lists, creates, starts, attaches and removes a container', async () => {
    const { default: Docker } = await import('dockerode');
    const d = new Docker({ socketPath: ctx.sock });
    const before = await d.listContainers({ all: true });
    const c = await d.createContainer({ Image: 'busybox', Cmd: ['sh', '-c', 'read x; echo got $x; echo err >&2'], OpenStdin: true, StdinOnce: true, AttachStdin: true, AttachStdout: true, AttachStderr: true, name: 'dockerode-one' });
    const stream = await c.attach({ stream: true, stdin: true, stdout: true, stderr: true, hijack: true });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const { PassThrough } = await import('node:stream');
    const o = new PassThrough(); const e = new PassThrough();
    o.on('data', (b: Buffer) => out.push(b)); e.on('data', (b: Buffer) => err.push(b));
    d.modem.demuxStream(stream, o, e);
    await c.start();
    stream.write('hello\n');
    const r = await c.wait();
    expect(r.StatusCode).toBe(0);
    await new Promise((res) => setTimeout(res, 200));
    expect(Buffer.concat(out).toString()).toBe('got hello\n');
    expect(Buffer.concat(err).toString()).toBe('err\n');
    const listed = await d.listContainers({ all: true });
    expect(listed.length).toBe(before.length + 1);
    expect(listed.find((x) => x.Id === c.id)?.Names).toEqual(['/dockerode-one']);
    expect((await c.inspect()).State.ExitCode).toBe(0);
    await c.remove({ force: true });
    await expect(c.inspect()).rejects.toMatchObject({ statusCode: 404 });
  });

  it('testcontainers starts busybox httpd, waits for its log line, maps the port and stops it', async () => {
    process.env.DOCKER_HOST = `unix://${ctx.sock}`;
    process.env.TESTCONTAINERS_RYUK_DISABLED = 'true';
    const { GenericContainer, Wait } = await import('testcontainers');
    const started = await new GenericContainer('busybox')
      .withExposedPorts(80)
      .withCommand(['sh', '-c', 'echo "<p>berth</p>" > /tmp/index.html; echo ready; exec httpd -f -p 80 -h /tmp'])
      .withWaitStrategy(Wait.forLogMessage('ready'))
      .withStartupTimeout(60_000)
      .start();
    try {
      const port = started.getMappedPort(80);
      expect(port).toBeGreaterThan(0);
      const body = await new Promise<string>((res, rej) => {
        request({ host: '127.0.0.1', port, path: '/index.html' }, (r) => {
          let s = '';
          r.on('data', (c) => (s += c));
          r.on('end', () => res(s));
        }).on('error', rej).end();
      });
      expect(body).toContain('<p>berth</p>');
    } finally {
      await started.stop();
    }
    const left = await ctx.docker(['ps', '-aq']);
    expect(left.stdout.trim()).toBe('');
  }, 120_000);
});
