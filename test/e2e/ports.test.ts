/**
 * Networking through the CLI (TEST_TARGET=docker runs the same cases against docker; only
 * 127.0.0.1 is ever contacted): `run -d -p PORT:80 busybox httpd` answers at 127.0.0.1:PORT, ps,
 * port and inspect show the mapping, stop frees the port, a second container asking for it gets
 * docker's error, random ports, -P, --network none/host, bad -p values, and nothing left after rm.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { get } from 'node:http';
import { createServer } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TARGET, berth, ok } from '../helpers/cli.js';
import { containerIds, containerRoot, inspectField, until, type ContainerRoot } from '../helpers/containers.js';

let ctx: ContainerRoot;
let root: string;
beforeEach(async () => {
  ctx = await containerRoot('berth-ports-');
  root = ctx.root;
});
afterEach(async () => { await ctx.cleanup(); });

const HTTPD = ['busybox', 'sh', '-c', 'mkdir -p /www && echo hi > /www/index.html && exec httpd -f -p 80 -h /www'];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address() as { port: number }; s.close(() => resolve(port)); });
  });
}

function httpGet(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = get({ host: '127.0.0.1', port, path: '/', timeout: 3000, agent: false }, (res) => {
      let body = '';
      res.on('data', (d) => { body += d; });
      res.on('end', () => { resolve(body); req.destroy(); });
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
  });
}

const answers = (port: number) => until(() => httpGet(port).catch(() => ''), 10_000, `an answer at 127.0.0.1:${port}`);

/** berth's host-side traces of a container: its veth, its lease, its DNAT elements. */
function traces(id: string, port?: number): string[] {
  const out: string[] = [];
  if (existsSync(`/sys/class/net/vb${id.slice(0, 12)}`)) out.push('veth');
  if (existsSync(`/run/berth/network/leases/${id}.json`)) out.push('lease');
  let map = '';
  try { map = execFileSync('nft', ['list', 'map', 'ip', 'berth', 'ports_any'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }); } catch { /* no table: reset */ }
  if (port && map.includes(`. ${port} :`)) out.push('dnat');
  return out;
}

describe('-p', () => {
  it('httpd answers at 127.0.0.1:PORT; ps, port and inspect show the mapping; stop frees the port', async () => {
    const port = await freePort();
    const id = (await ok(root, ['run', '-d', '--name', 'web', '-p', `${port}:80`, ...HTTPD])).trim();
    expect(await answers(port)).toBe('hi\n');
    expect(await ok(root, ['ps', '--format', '{{.Names}} {{.Ports}}'])).toMatch(new RegExp(`^web 0\\.0\\.0\\.0:${port}->80/tcp(, \\[::\\]:${port}->80/tcp)?\\n$`));
    expect((await ok(root, ['port', 'web'])).split('\n')[0]).toBe(`80/tcp -> 0.0.0.0:${port}`);
    expect((await ok(root, ['port', 'web', '80'])).split('\n')[0]).toBe(`0.0.0.0:${port}`);
    expect(await ok(root, ['ps', '--filter', `publish=${port}`, '--format', '{{.Names}}'])).toBe('web\n');
    expect(await ok(root, ['ps', '--filter', 'expose=80/tcp', '--format', '{{.Names}}'])).toBe('web\n');
    expect(await ok(root, ['ps', '--filter', 'expose=81', '-q'])).toBe('');
    expect(await berth(root, ['port', 'web', '81'])).toMatchObject({ code: 1, stderr: "Error: No public port '81' published for web\n" });
    expect(await inspectField(root, 'web', '{{(index (index .NetworkSettings.Ports "80/tcp") 0).HostPort}}')).toBe(String(port));
    expect(await inspectField(root, 'web', '{{.NetworkSettings.IPAddress}}')).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(await inspectField(root, 'web', '{{json .HostConfig.PortBindings}}')).toBe(`{"80/tcp":[{"HostIp":"","HostPort":"${port}"}]}`);

    await ok(root, ['stop', '-t', '1', 'web']);
    expect(await inspectField(root, 'web', '{{json .NetworkSettings.Ports}}|{{.NetworkSettings.IPAddress}}|')).toBe('{}||');
    expect(await ok(root, ['ps', '-a', '--format', '{{.Ports}}'])).toBe('\n');
    // the port is the host's again: a host server on it gets the connections
    const host = createServer((s) => { s.end('HTTP/1.0 200 OK\r\n\r\nhost\n'); s.on('end', () => s.destroy()); });
    await new Promise<void>((r) => host.listen(port, '127.0.0.1', r));
    try {
      expect(await httpGet(port)).toBe('host\n');
    } finally {
      host.close();
    }
    if (TARGET === 'berth') expect(traces(id, port)).toEqual([]);
  });

  it('a second container asking for a taken port gets docker\'s clear error and does not run; it starts once the port is free', async () => {
    const port = await freePort();
    await ok(root, ['run', '-d', '--name', 'first', '-p', `${port}:80`, ...HTTPD]);
    const r = await berth(root, ['run', '-d', '--name', 'second', '-p', `${port}:80`, ...HTTPD]);
    expect(r.code).toBe(125);
    expect(r.stderr).toContain(`Bind for 0.0.0.0:${port} failed: port is already allocated`);
    expect(await inspectField(root, 'second', '{{.State.Status}}')).toBe('created');
    expect(await answers(port)).toBe('hi\n');
    await ok(root, ['rm', '-f', 'first']);
    await ok(root, ['start', 'second']);
    expect(await answers(port)).toBe('hi\n');
  });

  it('-p 80 takes a random free host port; -P publishes every exposed port', async () => {
    await ok(root, ['run', '-d', '--name', 'rand', '-p', '80', ...HTTPD]);
    const mapped = (await ok(root, ['port', 'rand', '80/tcp'])).split('\n')[0]!;
    const port = Number(mapped.split(':').pop());
    expect(port).toBeGreaterThan(1023);
    expect(await answers(port)).toBe('hi\n');
    await ok(root, ['run', '-d', '--name', 'all', '--expose', '80', '--expose', '9000/udp', '-P', ...HTTPD]);
    const lines = (await ok(root, ['port', 'all'])).trim().split('\n');
    expect(lines.filter((l) => !l.includes('[::]'))).toEqual([expect.stringMatching(/^80\/tcp -> 0\.0\.0\.0:\d+$/), expect.stringMatching(/^9000\/udp -> 0\.0\.0\.0:\d+$/)]);
    expect(await answers(Number(lines[0]!.split(':').pop()))).toBe('hi\n');
  });

  it('restart keeps the mapping: the port is released by the old run and taken again by the new one', async () => {
    const port = await freePort();
    await ok(root, ['run', '-d', '--name', 'again', '-p', `${port}:80`, ...HTTPD]);
    expect(await answers(port)).toBe('hi\n');
    await ok(root, ['restart', '-t', '1', 'again']);
    expect(await answers(port)).toBe('hi\n');
    expect((await ok(root, ['port', 'again'])).split('\n')[0]).toBe(`80/tcp -> 0.0.0.0:${port}`);
  });

  it('127.0.0.1:PORT:80 binds the loopback address only', async () => {
    const port = await freePort();
    await ok(root, ['run', '-d', '--name', 'lo', '-p', `127.0.0.1:${port}:80`, ...HTTPD]);
    expect(await answers(port)).toBe('hi\n');
    expect(await ok(root, ['port', 'lo'])).toBe(`80/tcp -> 127.0.0.1:${port}\n`);
  });
});

describe('--network', () => {
  it('bridge (default): eth0 with an address and a default route; none: only loopback; host: the host\'s interfaces', async () => {
    const bridge = await ok(root, ['run', '--rm', 'busybox', 'sh', '-c', 'ip -o -4 addr show eth0 | wc -l; ip route | grep -c "^default"']);
    expect(bridge).toBe('1\n1\n');
    expect(await ok(root, ['run', '--rm', '--network', 'none', 'busybox', 'sh', '-c', 'ls /sys/class/net'])).toBe('lo\n');
    const hostIfs = readdirSync('/sys/class/net').sort();
    const seen = (await ok(root, ['run', '--rm', '--network', 'host', 'busybox', 'ls', '/sys/class/net'])).split('\n').filter(Boolean).sort();
    expect(seen).toEqual(hostIfs);
    const none = await berth(root, ['run', '--rm', '--network', 'nosuchnet', 'busybox', 'true']);
    expect(none.code).toBe(125);
    expect(none.stderr).toMatch(/Error response from daemon: network nosuchnet not found/);
  });
});

describe('bad -p values: docker\'s errors, nothing created', () => {
  it('-p 99999:80 and -p abc', async () => {
    const big = await berth(root, ['run', '--rm', '-p', '99999:80', 'busybox', 'true']);
    expect(big.code).toBe(125);
    expect(big.stderr).toMatch(/^(berth|docker): invalid hostPort: 99999\n/);
    const abc = await berth(root, ['run', '--rm', '-p', 'abc', 'busybox', 'true']);
    expect(abc.code).toBe(125);
    expect(abc.stderr).toMatch(/^(berth|docker): invalid containerPort: abc\n/);
    expect(await containerIds(root)).toEqual([]);
  });
});

describe('nothing stays on the host (berth)', () => {
  it.skipIf(TARGET === 'docker')('system reset asks first, then removes containers, volumes, leases and the state root', async () => {
    const port = await freePort();
    const id = (await ok(root, ['run', '-d', '-p', `${port}:80`, '-v', 'resetvol:/d', ...HTTPD])).trim();
    const no = await berth(root, ['system', 'reset'], { input: 'n\n' });
    expect(no.code).toBe(0);
    expect(no.stdout).toContain('Are you sure you want to continue? [y/N]');
    expect(await containerIds(root)).toEqual([id]);
    const r = await berth(root, ['system', 'reset', '-f']);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toContain(`Removed 1 container(s), 1 volume(s) and the state root ${root}`);
    expect(existsSync(join(root, 'meta'))).toBe(false);
    expect(traces(id, port)).toEqual([]);
    await ok(root, ['image', 'demo', '-q']); // the helper's cleanup runs on this root again
  });

  it.skipIf(TARGET === 'docker')('after rm -f of a running container: no veth, no lease, no DNAT', async () => {
    const port = await freePort();
    const id = (await ok(root, ['run', '-d', '-p', `${port}:80`, ...HTTPD])).trim();
    expect(await answers(port)).toBe('hi\n');
    expect(traces(id, port)).toEqual(['veth', 'lease', 'dnat']);
    await ok(root, ['rm', '-f', id]);
    expect(traces(id, port)).toEqual([]);
  });
});
