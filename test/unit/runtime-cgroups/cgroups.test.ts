import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  locateFrom, parseBlkio, parseFlatKeyed, parseIoStat, parseNetDev, parseProcStat, sampleCgroup,
} from '../../../src/runtime/cgroups/index.js';

const ID = '/berth/7dfafe4810a8';

// this host's layout: v1 controllers (cpu and cpuacct mounted apart) plus a controller-less unified mount
const HYBRID_MOUNTS = [
  '25 24 0:23 / /sys/fs/cgroup/unified rw,nosuid,nodev,noexec,relatime shared:5 - cgroup2 cgroup2 rw,nsdelegate',
  '26 24 0:24 / /sys/fs/cgroup/cpu rw,nosuid shared:6 - cgroup cgroup rw,cpu',
  '27 24 0:25 / /sys/fs/cgroup/cpuacct rw,nosuid shared:7 - cgroup cgroup rw,cpuacct',
  '28 24 0:26 / /sys/fs/cgroup/memory rw,nosuid shared:8 - cgroup cgroup rw,memory',
  '29 24 0:27 / /sys/fs/cgroup/pids rw,nosuid shared:9 - cgroup cgroup rw,pids',
  '30 24 0:28 / /sys/fs/cgroup/blkio rw,nosuid shared:10 - cgroup cgroup rw,blkio',
  '31 24 0:29 / /sys/fs/cgroup/systemd rw,nosuid shared:11 - cgroup cgroup rw,xattr,name=systemd',
  '40 22 8:1 / / rw,relatime - ext4 /dev/vda rw',
].join('\n');

const PROC_CGROUP = ['9:name=systemd:/berth/7dfafe4810a8', '8:pids:/berth/7dfafe4810a8', '7:blkio:/berth/7dfafe4810a8',
  '4:memory:/berth/7dfafe4810a8', '2:cpuacct:/berth/7dfafe4810a8', '1:cpu:/berth/7dfafe4810a8', '0::/berth/7dfafe4810a8'].join('\n');

let dirs: string[] = [];
afterEach(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); dirs = []; });

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'berth-cg-'));
  dirs.push(root);
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(join(root, p, '..'), { recursive: true });
    writeFileSync(join(root, p), text);
  }
  return root;
}

describe('locating a container cgroup', () => {
  it('uses the v1 hierarchies on a hybrid host', () => {
    expect(locateFrom(HYBRID_MOUNTS, PROC_CGROUP)).toEqual({
      version: 1,
      dirs: {
        cpu: `/sys/fs/cgroup/cpu${ID}`, cpuacct: `/sys/fs/cgroup/cpuacct${ID}`, memory: `/sys/fs/cgroup/memory${ID}`,
        pids: `/sys/fs/cgroup/pids${ID}`, blkio: `/sys/fs/cgroup/blkio${ID}`,
      },
    });
  });

  it('handles co-mounted controllers and mounts of a sub-tree (an engine inside a container)', () => {
    const mounts = '26 24 0:24 /docker/abc /sys/fs/cgroup/cpu,cpuacct rw - cgroup cgroup rw,cpu,cpuacct\n28 24 0:26 /docker/abc /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory';
    const cg = '3:cpu,cpuacct:/docker/abc/berth/x\n2:memory:/docker/abc/berth/x';
    expect(locateFrom(mounts, cg)).toEqual({ version: 1, dirs: { cpu: '/sys/fs/cgroup/cpu,cpuacct/berth/x', cpuacct: '/sys/fs/cgroup/cpu,cpuacct/berth/x', memory: '/sys/fs/cgroup/memory/berth/x' } });
  });

  it('uses the unified mount on a v2-only host', () => {
    const mounts = '25 24 0:23 / /sys/fs/cgroup rw,nosuid - cgroup2 cgroup2 rw,nsdelegate';
    expect(locateFrom(mounts, '0::/berth/x\n')).toEqual({ version: 2, dir: '/sys/fs/cgroup/berth/x' });
  });
});

describe('cgroup and /proc parsers', () => {
  it('flat keyed files and blkio lines (the Total line has no device)', () => {
    expect(parseFlatKeyed('user 12\nsystem 3\n')).toEqual({ user: 12, system: 3 });
    expect(parseBlkio('8:0 Read 4096\n8:0 Write 512\n8:0 Sync 0\nTotal 4608\n')).toEqual([
      { major: 8, minor: 0, op: 'Read', value: 4096 }, { major: 8, minor: 0, op: 'Write', value: 512 }, { major: 8, minor: 0, op: 'Sync', value: 0 },
    ]);
    expect(parseIoStat('254:0 rbytes=100 wbytes=200 rios=1 wios=2 dbytes=0 dios=0\n').bytes).toEqual([
      { major: 254, minor: 0, op: 'read', value: 100 }, { major: 254, minor: 0, op: 'write', value: 200 },
    ]);
  });

  it('/proc/stat: user..softirq ticks in ns, and the CPU count', () => {
    const stat = 'cpu  100 1 50 1000 10 0 5 7 0 0\ncpu0 50 0 25 500 5 0 2 3 0 0\ncpu1 50 1 25 500 5 0 3 4 0 0\nintr 1 2\n';
    expect(parseProcStat(stat)).toEqual({ systemUsage: (100 + 1 + 50 + 1000 + 10 + 0 + 5) * 1e7, onlineCpus: 2 });
  });

  it('/proc/<pid>/net/dev without loopback', () => {
    const text = 'Inter-|   Receive                                                |  Transmit\n'
      + ' face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed\n'
      + '    lo:     100       2    0    0    0     0          0         0      100       2    0    0    0     0       0          0\n'
      + '  eth0:    1500      10    1    2    0     0          0         0      700       5    3    4    0     0       0          0\n';
    expect(parseNetDev(text)).toEqual({ eth0: { rx_bytes: 1500, rx_packets: 10, rx_errors: 1, rx_dropped: 2, tx_bytes: 700, tx_packets: 5, tx_errors: 3, tx_dropped: 4 } });
  });
});

describe('sampling', () => {
  it('reads v1 files as dockerd statsV1 reports them', async () => {
    const root = tree({
      'cpuacct/cpuacct.usage': '5000000000\n', 'cpuacct/cpuacct.usage_percpu': '3000000000 2000000000 \n', 'cpuacct/cpuacct.stat': 'user 300\nsystem 100\n',
      'cpu/cpu.stat': 'nr_periods 10\nnr_throttled 2\nthrottled_time 12345\n',
      'memory/memory.usage_in_bytes': '1048576\n', 'memory/memory.max_usage_in_bytes': '2097152\n', 'memory/memory.limit_in_bytes': '67108864\n',
      'memory/memory.failcnt': '0\n', 'memory/memory.stat': 'cache 4096\nrss 8192\nshmem 0\ntotal_inactive_file 4096\n',
      'pids/pids.current': '3\n', 'pids/pids.max': 'max\n', 'blkio/blkio.throttle.io_service_bytes': '8:0 Read 4096\n8:0 Write 0\nTotal 4096\n',
    });
    const d = (c: string) => join(root, c);
    const s = await sampleCgroup({ version: 1, dirs: { cpu: d('cpu'), cpuacct: d('cpuacct'), memory: d('memory'), pids: d('pids'), blkio: d('blkio') } });
    expect(s.cpu).toEqual({
      cpu_usage: { total_usage: 5e9, percpu_usage: [3e9, 2e9], usage_in_kernelmode: 1e9, usage_in_usermode: 3e9 },
      throttling_data: { periods: 10, throttled_periods: 2, throttled_time: 12345 },
    });
    expect(s.memory).toMatchObject({ usage: 1048576, max_usage: 2097152, limit: 67108864, failcnt: 0 });
    expect(s.memory.stats).toMatchObject({ cache: 4096, rss: 8192, total_inactive_file: 4096, total_rss: 0 });
    expect(s.memory.stats).not.toHaveProperty('shmem'); // dockerd's fixed key list
    expect(s.pids).toEqual({ current: 3, limit: 0 });
    expect(s.blkio.io_service_bytes_recursive).toEqual([{ major: 8, minor: 0, op: 'Read', value: 4096 }, { major: 8, minor: 0, op: 'Write', value: 0 }]);
  });

  it('reads v2 files as dockerd statsV2 reports them', async () => {
    const root = tree({
      'cpu.stat': 'usage_usec 2000\nuser_usec 1500\nsystem_usec 500\nnr_periods 4\nnr_throttled 1\nthrottled_usec 7\n',
      'memory.current': '4096\n', 'memory.max': 'max\n', 'memory.stat': 'anon 1024\ninactive_file 512\n', 'memory.events': 'low 0\noom 2\n',
      'pids.current': '1\n', 'pids.max': '50\n', 'io.stat': '8:0 rbytes=10 wbytes=20 rios=1 wios=2\n',
    });
    const s = await sampleCgroup({ version: 2, dir: root });
    expect(s.cpu.cpu_usage).toEqual({ total_usage: 2e6, usage_in_kernelmode: 5e5, usage_in_usermode: 1.5e6 });
    expect(s.cpu.throttling_data).toEqual({ periods: 4, throttled_periods: 1, throttled_time: 7000 });
    expect(s.memory).toMatchObject({ usage: 4096, failcnt: 2, limit: Number.MAX_SAFE_INTEGER });
    expect(s.memory.stats).toMatchObject({ anon: 1024, inactive_file: 512, file: 0 });
    expect(s.pids).toEqual({ current: 1, limit: 50 });
    expect(s.blkio.io_service_bytes_recursive).toHaveLength(2);
  });
});
