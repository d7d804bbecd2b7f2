/**
 * top, stats and update through the in-process engine on real containers (root, runc, conmon,
 * cgroup v1 hierarchies): numbers are checked against the cgroup files they come from.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../../src/engine/create-engine.js';
import type { Engine } from '../../../src/engine/engine.js';
import type { ContainerStatsJSON, HostConfig } from '../../../src/engine/types.js';
import { cpuPercent, memUsageNoCache } from '../../../src/cli/commands/container/stats-entry.js';
import { locateCgroups } from '../../../src/runtime/cgroups/index.js';
import { isEngineError } from '../../../src/lib/errors.js';

const isRoot = process.getuid?.() === 0;
let root = '';
let engine: Engine;
const ids: string[] = [];

async function start(name: string, cmd: string[], hostConfig: HostConfig = {}): Promise<{ id: string; pid: number }> {
  const { Id } = await engine.createContainer({ name, config: { Image: 'busybox', Cmd: cmd }, hostConfig: { NetworkMode: 'bridge', ...hostConfig } });
  ids.push(Id);
  await engine.startContainer(Id);
  return { id: Id, pid: (await engine.inspectContainer(Id)).State.Pid };
}

async function take(iter: AsyncIterable<ContainerStatsJSON>, n: number): Promise<ContainerStatsJSON[]> {
  const out: ContainerStatsJSON[] = [];
  for await (const s of iter) {
    out.push(s);
    if (out.length === n) break;
  }
  return out;
}

/** utime + stime of a process, in clock ticks (1/100 s), from /proc/<pid>/stat. */
function procTicks(pid: number): number {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return Number(f[11]) + Number(f[12]);
}

/** Wait until no process (conmon, its exit command) still names the root, so removing it is final. */
async function settle(dir: string): Promise<void> {
  const users = () => readdirSync('/proc').filter((p) => /^\d+$/.test(p)).some((p) => {
    try { return readFileSync(`/proc/${p}/cmdline`, 'utf8').includes(dir); } catch { return false; }
  });
  for (let i = 0; i < 100 && users(); i++) await new Promise((r) => setTimeout(r, 100));
}

const cgroupFile = async (pid: number, ctrl: 'memory' | 'cpu' | 'pids', file: string) => {
  const loc = await locateCgroups(pid);
  if (loc.version !== 1) throw new Error('this test expects cgroup v1 hierarchies');
  return readFileSync(join(loc.dirs[ctrl]!, file), 'utf8').trim();
};

describe.skipIf(!isRoot)('top, stats, update (root)', () => {
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'berth-stats-'));
    engine = await createEngine({ root });
    await engine.createDemoImage('busybox:latest');
  });
  afterAll(async () => {
    for (const id of ids) await engine.removeContainer(id, { force: true }).catch(() => undefined);
    await engine.close();
    await settle(root);
    const left = readFileSync('/proc/self/mountinfo', 'utf8').split('\n').map((l) => l.split(' ')[4] ?? '').filter((p) => p.startsWith(`${root}/`));
    rmSync(root, { recursive: true, force: true });
    if (left.length) throw new Error(`mounts left: ${left.join(', ')}`);
  });

  it('stats of a busy loop: CPU above 50%, memory used under the -m limit', async () => {
    const { id, pid } = await start('spin', ['sh', '-c', 'while :; do :; done'], { Memory: 64 << 20 });
    const samples = await take(engine.containerStats('spin', { stream: true, intervalMs: 500 }), 5);
    expect(samples[0]!.id).toBe(id);
    expect(samples[0]!.name).toBe('/spin');
    // later samples carry the previous one's CPU counters, as dockerd's stream does
    expect(samples[2]!.precpu_stats).toEqual(samples[1]!.cpu_stats);
    const cpu = samples.slice(1).map((s) => cpuPercent(s.precpu_stats, s.cpu_stats));
    // a busy loop gets a whole CPU on an idle host; on a shared, overloaded one (more runnable
    // tasks than CPUs) it gets less, so there the figure is checked against the kernel's own count
    if (loadavg()[0]! < cpus().length) expect(Math.max(...cpu)).toBeGreaterThan(50);
    const [a] = await take(engine.containerStats('spin', { oneShot: true }), 1);
    const ticksA = procTicks(pid);
    await new Promise((r) => setTimeout(r, 1000));
    const [b] = await take(engine.containerStats('spin', { oneShot: true }), 1);
    const ticksB = procTicks(pid);
    const statsPct = cpuPercent(a!.cpu_stats, b!.cpu_stats);
    const procPct = ((ticksB - ticksA) * 10 * 100) / (Date.parse(b!.read) - Date.parse(a!.read));
    expect(statsPct).toBeGreaterThan(5);
    expect(Math.abs(statsPct - procPct)).toBeLessThan(10 + procPct * 0.25);
    const last = samples.at(-1)!;
    expect(last.memory_stats.limit).toBe(64 << 20);
    expect(memUsageNoCache(last.memory_stats)).toBeGreaterThan(0);
    expect(last.memory_stats.usage).toBeLessThanOrEqual(Number(await cgroupFile(pid, 'memory', 'memory.max_usage_in_bytes')));
    expect(last.pids_stats.current).toBe(1);
    expect(last.cpu_stats.online_cpus).toBeGreaterThan(0);
    // bridge networking gives the container eth0; loopback is never counted, as docker
    expect(Object.keys(last.networks ?? {})).not.toContain('lo');

    // without streaming: one result, with precpu from a sample a second earlier
    const [one] = await take(engine.containerStats(id, { stream: false }), 2);
    expect(one!.preread).not.toBe('0001-01-01T00:00:00Z');
    expect(cpuPercent(one!.precpu_stats, one!.cpu_stats)).toBeGreaterThan(0);
  });

  it('update -m / --cpus / --pids-limit change the running container\'s cgroup and the record', async () => {
    const { pid } = await start('upd', ['sleep', '1000'], { Memory: 64 << 20 });
    expect(await cgroupFile(pid, 'memory', 'memory.limit_in_bytes')).toBe(String(64 << 20));
    await engine.updateContainer('upd', { Memory: 100 << 20, NanoCpus: 5e8, PidsLimit: 20 });
    expect(await cgroupFile(pid, 'memory', 'memory.limit_in_bytes')).toBe(String(100 << 20));
    expect(await cgroupFile(pid, 'cpu', 'cpu.cfs_quota_us')).toBe('50000');
    expect(await cgroupFile(pid, 'pids', 'pids.max')).toBe('20');
    const hc = (await engine.inspectContainer('upd')).HostConfig;
    expect(hc).toMatchObject({ Memory: 100 << 20, MemorySwap: 128 << 20, NanoCpus: 5e8, PidsLimit: 20 });
    const [s] = await take(engine.containerStats('upd', { oneShot: true }), 1);
    expect(s!.memory_stats.limit).toBe(100 << 20);
    expect(s!.pids_stats.limit).toBe(20);

    // above the stored swap (2 × the create-time memory): refused, nothing changes
    const err = await engine.updateContainer('upd', { Memory: 200 << 20 }).catch((e: unknown) => e);
    expect(isEngineError(err, 'CONFLICT')).toBe(true);
    expect(await cgroupFile(pid, 'memory', 'memory.limit_in_bytes')).toBe(String(100 << 20));
    await engine.updateContainer('upd', { Memory: 200 << 20, MemorySwap: 400 << 20 });
    expect(await cgroupFile(pid, 'memory', 'memory.limit_in_bytes')).toBe(String(200 << 20));
    expect(await cgroupFile(pid, 'memory', 'memory.memsw.limit_in_bytes')).toBe(String(400 << 20));
  });

  it('update of a stopped container is stored and applied at the next start', async () => {
    const { Id: id } = await engine.createContainer({ name: 'later', config: { Image: 'busybox', Cmd: ['sleep', '1000'] }, hostConfig: { NetworkMode: 'bridge' } });
    ids.push(id);
    await engine.updateContainer(id, { Memory: 32 << 20, MemorySwap: 64 << 20, RestartPolicy: { Name: 'unless-stopped' } });
    await engine.startContainer(id);
    const pid = (await engine.inspectContainer(id)).State.Pid;
    expect(await cgroupFile(pid, 'memory', 'memory.limit_in_bytes')).toBe(String(32 << 20));
    expect((await engine.inspectContainer(id)).HostConfig.RestartPolicy).toEqual({ Name: 'unless-stopped', MaximumRetryCount: 0 });
  });

  it('top lists the container\'s processes with ps -ef columns, or the ps options given', async () => {
    const { pid } = await start('sleeper', ['sleep', '1000']);
    const top = await engine.containerTop('sleeper');
    expect(top.Titles).toEqual(['UID', 'PID', 'PPID', 'C', 'STIME', 'TTY', 'TIME', 'CMD']);
    expect(top.Processes).toHaveLength(1);
    expect(top.Processes[0]![1]).toBe(String(pid));
    expect(top.Processes[0]![7]).toBe('sleep 1000');
    const custom = await engine.containerTop('sleeper', '-o pid,comm');
    expect(custom).toEqual({ Titles: ['PID', 'COMMAND'], Processes: [[String(pid), 'sleep']] });
  });

  it('top of a stopped container is refused as docker does; its stats are empty', async () => {
    const { Id } = await engine.createContainer({ name: 'idle', config: { Image: 'busybox', Cmd: ['true'] }, hostConfig: {} });
    ids.push(Id);
    const err = await engine.containerTop('idle').catch((e: unknown) => e);
    expect(isEngineError(err, 'CONFLICT')).toBe(true);
    expect((err as Error).message).toBe(`container ${Id} is not running`);
    const [s] = await take(engine.containerStats('idle'), 1);
    expect(s).toMatchObject({ id: Id, name: '/idle', read: '0001-01-01T00:00:00Z', memory_stats: {}, pids_stats: {} });
    const missing = await take(engine.containerStats('nosuch'), 1).catch((e: unknown) => e);
    expect(isEngineError(missing, 'NOT_FOUND')).toBe(true);
  });

  it('ps -s sizes, info and system df count containers', async () => {
    const { Id } = await engine.createContainer({ name: 'writer', config: { Image: 'busybox', Cmd: ['sh', '-c', 'head -c 50000 /dev/zero > /blob'] }, hostConfig: {} });
    ids.push(Id);
    await engine.startContainer(Id);
    await engine.waitContainer(Id, 'not-running');
    const [c] = await engine.listContainers({ all: true, size: true, filters: { name: ['^writer$'] } });
    expect(c!.SizeRw).toBe(50000);
    expect(c!.SizeRootFs).toBe(50000 + (await engine.listImages())[0]!.Size);
    expect((await engine.listContainers({ all: true }))[0]!.SizeRw).toBeUndefined();
    const all = await engine.listContainers({ all: true });
    const info = await engine.info();
    expect(info.Containers).toBe(all.length);
    expect(info.ContainersRunning).toBe(all.filter((x) => x.State === 'running').length);
    expect(info.ContainersStopped).toBe(all.filter((x) => x.State !== 'running' && x.State !== 'paused').length);
    const du = await engine.diskUsage();
    expect(du.Containers.find((x) => x.Id === Id)?.SizeRw).toBe(50000);
    expect(du.Images[0]!.Containers).toBe(1);
  });
});
