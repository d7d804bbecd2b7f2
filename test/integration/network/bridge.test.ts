/**
 * The project bridge with real namespaces (root): a process in its own netns gets eth0 on the
 * bridge, a published port answers at 127.0.0.1 through the DNAT, taken ports are refused with
 * docker's texts, outbound traffic is masqueraded (seen from an upstream namespace the test owns),
 * and releasing, or the namespace dying, leaves nothing behind.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  BRIDGE, GATEWAY, attachNetwork, ensureBridge, hostIfName, listLeases, reclaimStale, releaseNetwork, reserveNetwork,
} from '../../../src/network/index.js';
import { fetchTcp, freePort, inNetns, makeUpstream, netnsProcess, retry, serveInNetns, testId } from './net-helper.js';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await Promise.resolve(c()).catch(() => undefined);
});

const elements = () => execFileSync('nft', ['list', 'map', 'ip', 'berth', 'ports_any'], { encoding: 'utf8' });

/** A parked "container": its own netns, attached to the bridge with these port bindings. */
async function container(bindings: Record<string, { HostIp: string; HostPort: string }[]> = {}, name = 'net-test') {
  const proc = netnsProcess();
  cleanups.push(() => proc.kill('SIGKILL'));
  await retry(async () => { inNetns(proc.pid, ['true']); });
  const id = testId();
  cleanups.push(() => releaseNetwork(id));
  const lease = await reserveNetwork({ id, root: '/nonexistent-root', name, config: {}, hostConfig: { PortBindings: bindings } });
  await attachNetwork(lease!, proc.pid);
  return { id, pid: proc.pid, lease: lease!, proc };
}

describe('bridge attach', () => {
  it('eth0 with the leased address and MAC, a default route via the bridge, the host end on the bridge', async () => {
    await ensureBridge();
    expect(existsSync(`/sys/class/net/${BRIDGE}`)).toBe(true);
    const c = await container();
    const addr = inNetns(c.pid, ['ip', '-o', '-4', 'addr', 'show', 'dev', 'eth0']);
    expect(addr).toContain(`inet ${c.lease.ip}/24`);
    expect(inNetns(c.pid, ['ip', '-o', 'link', 'show', 'eth0'])).toContain(`link/ether ${c.lease.mac} `);
    expect(inNetns(c.pid, ['ip', 'route'])).toContain(`default via ${GATEWAY} dev eth0`);
    expect(execFileSync('ip', ['-o', 'link', 'show', hostIfName(c.id)], { encoding: 'utf8' })).toContain(`master ${BRIDGE}`);
    inNetns(c.pid, ['busybox', 'ping', '-c', '1', '-W', '2', GATEWAY]);
  });

  it('a published port answers at 127.0.0.1:hostPort; released, the port reaches the host again', async () => {
    const port = await freePort();
    const c = await container({ '80/tcp': [{ HostIp: '', HostPort: String(port) }] });
    expect(c.lease.ports).toEqual([{ proto: 'tcp', containerPort: 80, hostIp: '', hostPort: port }]);
    const server = serveInNetns(c.pid, 80, 'from-container');
    cleanups.push(() => server.kill('SIGKILL'));
    expect(await retry(() => fetchTcp('127.0.0.1', port))).toBe('from-container');
    expect(elements()).toContain(`tcp . ${port} : ${c.lease.ip} . 80`);

    expect(await releaseNetwork(c.id)).toBe(true);
    expect(elements()).not.toContain(`tcp . ${port} :`);
    const host: Server = createServer((s) => s.end('from-host'));
    await new Promise<void>((r) => host.listen(port, '127.0.0.1', r));
    cleanups.push(() => new Promise((r) => host.close(r)));
    expect(await fetchTcp('127.0.0.1', port)).toBe('from-host');
  });

  it('a port another container holds is "already allocated"; one a host process holds fails the bind; nothing is leased', async () => {
    const port = await freePort();
    await container({ '80/tcp': [{ HostIp: '', HostPort: String(port) }] });
    const before = (await listLeases()).length;
    const id = testId();
    await expect(reserveNetwork({ id, root: '/r', name: 'second', config: {}, hostConfig: { PortBindings: { '80/tcp': [{ HostIp: '127.0.0.1', HostPort: String(port) }] } } }))
      .rejects.toThrow(`driver failed programming external connectivity on endpoint second (${id}): Bind for 127.0.0.1:${port} failed: port is already allocated`);

    const busy = await freePort();
    const host = createServer();
    await new Promise<void>((r) => host.listen(busy, '0.0.0.0', r));
    cleanups.push(() => new Promise((r) => host.close(r)));
    await expect(reserveNetwork({ id, root: '/r', name: 'third', config: {}, hostConfig: { PortBindings: { '80/tcp': [{ HostIp: '', HostPort: String(busy) }] } } }))
      .rejects.toThrow(`failed to bind host port for 0.0.0.0:${busy}:`);
    expect((await listLeases()).length).toBe(before);
    expect((await listLeases()).some((l) => l.id === id)).toBe(false);
  });

  it('a random host port (-p 80) and -P over exposed ports get distinct free ports', async () => {
    const c = await container({ '80/tcp': [{ HostIp: '', HostPort: '' }], '81/tcp': [{ HostIp: '', HostPort: '0' }] });
    const [a, b] = c.lease.ports.map((p) => p.hostPort);
    expect(a).toBeGreaterThan(1023);
    expect(b).not.toBe(a);
  });

  it('outbound traffic leaves with the host\'s address (masquerade), seen from an upstream namespace', async () => {
    const up = makeUpstream();
    cleanups.push(() => up.remove());
    const port = 7000 + Math.floor(Math.random() * 1000);
    const srv = spawn('ip', ['netns', 'exec', up.ns, process.execPath, '-e',
      `require('net').createServer((s) => s.end(s.remoteAddress)).listen(${port}, '${up.peerIp}')`], { stdio: 'ignore' });
    cleanups.push(() => srv.kill('SIGKILL'));
    const c = await container();
    const seen = await retry(async () => {
      const out = inNetns(c.pid, ['busybox', 'nc', '-w', '2', up.peerIp, String(port)], '');
      if (!out) throw new Error('no answer yet');
      return out;
    }, 10_000);
    expect(seen.trim().replace(/^::ffff:/, '')).toBe(up.hostIp);
  });

  it('the pair goes with the namespace; its lease is then stale and reclaimed with its DNAT', async () => {
    const port = await freePort();
    const c = await container({ '80/tcp': [{ HostIp: '', HostPort: String(port) }] });
    c.proc.kill('SIGKILL');
    await retry(async () => { if (existsSync(`/sys/class/net/${hostIfName(c.id)}`)) throw new Error('veth still there'); });
    await retry(async () => { if ((await reclaimStale()).some((l) => l.id === c.id)) throw new Error('lease still live'); });
    expect((await listLeases()).some((l) => l.id === c.id)).toBe(false);
    expect(elements()).not.toContain(`tcp . ${port} :`);
  });
});
