/**
 * Host-wide leases of bridge addresses and published ports, one JSON file per container under
 * /run/berth/network/leases, decided under the network lock. A lease whose container init (or,
 * before attach, whose allocating process) is gone is stale and reclaimed, so a crash never keeps an
 * address or a port. Ports are refused as dockerd's port allocator does ("port is already
 * allocated") and probed with a real bind, so a host service on the port is never shadowed.
 */
import { promises as fsp, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readJsonIfExists, writeJsonAtomic } from '../lib/atomic.js';
import { conflict, unavailable } from '../lib/errors.js';
import { STATE_DIR, SUBNET_BASE } from './config.js';
import { withNetLock } from './lock.js';
import { deletePorts } from './nft.js';
import { ensureBridge } from './bridge.js';
import { probePort } from './probe.js';
import type { Lease, PortMapping, PortRequest } from './types.js';

const DIR = join(STATE_DIR, 'leases');
const file = (id: string) => join(DIR, `${id}.json`);

export const readLease = (id: string) => readJsonIfExists<Lease>(file(id)).catch(() => undefined);

export async function listLeases(): Promise<Lease[]> {
  let names: string[];
  try { names = await fsp.readdir(DIR); } catch { return []; }
  const all = await Promise.all(names.filter((n) => /^[a-f0-9]{64}\.json$/.test(n)).map((n) => readLease(n.slice(0, -5))));
  return all.filter((l): l is Lease => l !== undefined);
}

/** Field 22 of /proc/PID/stat: tells a live pid from a reused one. */
export function pidStartTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch { return undefined; }
}

function alive(pid: number): boolean {
  try { process.kill(pid, 0); return true; } catch (err) { return (err as NodeJS.ErrnoException).code === 'EPERM'; }
}

export function isStale(l: Lease): boolean {
  if (l.pid) {
    const start = pidStartTime(l.pid);
    return start === undefined || start !== l.pidStart;
  }
  return !alive(l.owner);
}

async function drop(l: Lease): Promise<void> {
  await deletePorts(l.ports);
  await fsp.rm(file(l.id), { force: true });
}

const anyAddr = (ip: string) => ip === '' || ip === '0.0.0.0';
const clash = (a: PortMapping, proto: string, ip: string, port: number) =>
  a.proto === proto && a.hostPort === port && (anyAddr(a.hostIp) || anyAddr(ip) || a.hostIp === ip);

function localPortRange(): [number, number] {
  try {
    const [lo, hi] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
    if (lo && hi && lo <= hi) return [lo, hi];
  } catch { /* default below */ }
  return [32768, 60999];
}

export interface AllocateRequest { id: string; root: string; name: string; ports: PortRequest[] }

/** Reserve an address and the host ports; a previous lease of the same container is replaced. */
export async function allocate(req: AllocateRequest): Promise<Lease> {
  return withNetLock(async () => {
    // under the same lock as the lease: a `system reset` cannot take the bridge away in between
    await ensureBridge();
    const leases: Lease[] = [];
    for (const l of await listLeases()) {
      if (l.id === req.id || isStale(l)) await drop(l);
      else leases.push(l);
    }
    const ip = pickIp(leases, await lastOctet());
    const taken = leases.flatMap((l) => l.ports);
    const ports: PortMapping[] = [];
    for (const r of req.ports) {
      const hostPort = await pickPort(r, [...taken, ...ports], ip, req);
      ports.push({ proto: r.proto, containerPort: r.containerPort, hostIp: r.hostIp, hostPort });
    }
    const n = Number(ip.split('.')[3]);
    const lease: Lease = {
      id: req.id, root: req.root, name: req.name, ip, mac: `02:42:0a:d5:2f:${n.toString(16).padStart(2, '0')}`,
      ports, owner: process.pid, created: new Date().toISOString(),
    };
    await fsp.mkdir(DIR, { recursive: true, mode: 0o700 });
    await writeJsonAtomic(file(req.id), lease, 0o600);
    await fsp.writeFile(join(STATE_DIR, 'last-ip'), String(n));
    return lease;
  });
}

async function lastOctet(): Promise<number> {
  return Number(await fsp.readFile(join(STATE_DIR, 'last-ip'), 'utf8').catch(() => '1')) || 1;
}

/** The next free address after the last one handed out (docker's sequential allocator), wrapping. */
function pickIp(leases: Lease[], last: number): string {
  const used = new Set(leases.map((l) => l.ip));
  for (let i = 1; i <= 253; i++) {
    const n = ((last - 1 + i) % 253) + 2;
    if (!used.has(SUBNET_BASE + n)) return SUBNET_BASE + n;
  }
  throw unavailable('no free address left on the berth bridge (253 containers use it)');
}

async function pickPort(r: PortRequest, taken: PortMapping[], ip: string, req: AllocateRequest): Promise<number> {
  const shown = anyAddr(r.hostIp) ? '0.0.0.0' : r.hostIp;
  const fail = (why: string) => conflict(`failed to set up container networking: driver failed programming external connectivity on endpoint ${req.name} (${req.id}): ${why}`);
  const usable = async (port: number) => !taken.some((t) => clash(t, r.proto, r.hostIp, port)) && (await probePort(r.proto, r.hostIp, port)) === undefined;
  if (r.hostPortStart !== 0 && r.hostPortStart === r.hostPortEnd) {
    const port = r.hostPortStart;
    if (taken.some((t) => clash(t, r.proto, r.hostIp, port))) throw fail(`Bind for ${shown}:${port} failed: port is already allocated`);
    const err = await probePort(r.proto, r.hostIp, port);
    if (err) throw fail(`failed to bind host port for ${shown}:${port}:${ip}:${r.containerPort}/${r.proto}: ${err}`);
    return port;
  }
  const [lo, hi] = r.hostPortStart ? [r.hostPortStart, r.hostPortEnd] : localPortRange();
  const span = hi - lo + 1;
  const start = Math.floor(Math.random() * span);
  for (let i = 0; i < span; i++) {
    const port = lo + ((start + i) % span);
    if (await usable(port)) return port;
  }
  throw fail(`Bind for ${shown}:${r.hostPortStart ? `${lo}-${hi}` : '0'} failed: port is already allocated`);
}

/** Record the container's init once its interface exists: from then on its life is the lease's. */
export async function confirmLease(id: string, pid: number): Promise<void> {
  await withNetLock(async () => {
    const l = await readLease(id);
    if (!l) return;
    await writeJsonAtomic(file(id), { ...l, pid, pidStart: pidStartTime(pid) }, 0o600);
  });
}

/**
 * Free a container's lease and its DNAT. With `pid`, only the lease of that run: a restart may
 * already hold a new one when a slow reader notices the old exit.
 */
export async function releaseLease(id: string, pid?: number): Promise<Lease | undefined> {
  return withNetLock(async () => {
    const l = await readLease(id);
    if (!l || (pid && l.pid && l.pid !== pid)) return undefined;
    await drop(l);
    return l;
  });
}

/** Drop every stale lease; returns the live ones. */
export async function reclaimStale(): Promise<Lease[]> {
  return withNetLock(async () => {
    const live: Lease[] = [];
    for (const l of await listLeases()) {
      if (isStale(l)) await drop(l);
      else live.push(l);
    }
    return live;
  });
}
