/**
 * Network test support: free ports, a process in a network namespace of its own (a stand-in for a
 * parked container), an "upstream" namespace the tests own (outbound traffic without leaving the
 * machine), and TCP helpers that only ever talk to 127.0.0.1 or those namespaces.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer, connect } from 'node:net';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export const testId = () => randomBytes(32).toString('hex');

/** `unshare --net sleep`: a namespace whose life is a process's, as a container's is. */
export function netnsProcess(): ChildProcess & { pid: number } {
  const child = spawn('unshare', ['--net', 'sleep', '300'], { stdio: 'ignore' });
  return child as ChildProcess & { pid: number };
}

/** Run a command inside the namespace of `pid`. */
export function inNetns(pid: number, argv: string[], input?: string): string {
  return execFileSync('nsenter', [`--net=/proc/${pid}/ns/net`, ...argv], { encoding: 'utf8', input, timeout: 20_000 });
}

/** A one-shot TCP server inside the namespace of `pid` answering with `reply` (busybox nc). */
export function serveInNetns(pid: number, port: number, reply: string): ChildProcess {
  return spawn('nsenter', [`--net=/proc/${pid}/ns/net`, 'busybox', 'sh', '-c', `printf '${reply}' | busybox nc -l -p ${port}`], { stdio: 'ignore' });
}

/** Connect, read until the peer closes; rejects on error or after `ms`. */
export function fetchTcp(host: string, port: number, ms = 5000): Promise<string> {
  return new Promise((resolve, reject) => {
    const sock = connect({ host, port });
    let data = '';
    const t = setTimeout(() => { sock.destroy(); reject(new Error(`timeout reading ${host}:${port}`)); }, ms);
    sock.on('data', (d) => { data += d; });
    sock.on('error', (e) => { clearTimeout(t); reject(e); });
    sock.on('close', () => { clearTimeout(t); resolve(data); });
    sock.end();
  });
}

export async function retry<T>(fn: () => Promise<T>, ms = 5000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    try { return await fn(); } catch (err) { if (Date.now() > end) throw err; }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * An "upstream" namespace reached from the host over a veth pair on a /30 of TEST-NET-2: outbound
 * container traffic forwarded there shows the masquerade without touching any real network.
 */
export function makeUpstream(): { ns: string; hostIf: string; hostIp: string; peerIp: string; remove: () => void } {
  const tag = randomBytes(3).toString('hex');
  const ns = `berth-up-${tag}`;
  const hostIf = `bu${tag}`;
  const third = 100 + (parseInt(tag.slice(0, 2), 16) % 100);
  const [hostIp, peerIp] = [`198.51.${third}.1`, `198.51.${third}.2`];
  execFileSync('ip', ['netns', 'add', ns]);
  execFileSync('ip', ['link', 'add', hostIf, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', ns]);
  execFileSync('ip', ['addr', 'add', `${hostIp}/30`, 'dev', hostIf]);
  execFileSync('ip', ['link', 'set', hostIf, 'up']);
  execFileSync('ip', ['-n', ns, 'addr', 'add', `${peerIp}/30`, 'dev', 'eth0']);
  execFileSync('ip', ['-n', ns, 'link', 'set', 'eth0', 'up']);
  execFileSync('ip', ['-n', ns, 'link', 'set', 'lo', 'up']);
  return {
    ns, hostIf, hostIp, peerIp,
    remove: () => {
      try { execFileSync('ip', ['link', 'del', hostIf], { stdio: 'ignore' }); } catch { /* gone with the ns */ }
      execFileSync('ip', ['netns', 'del', ns]);
    },
  };
}
