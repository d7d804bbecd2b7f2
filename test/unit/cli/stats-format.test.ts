import { describe, expect, it } from 'vitest';
import {
  blockIO, cpuPercent, invalidEntry, memPercent, memUsageNoCache, networkIO, statsEntry, statsRow, type StatsEntry,
} from '../../../src/cli/commands/container/stats-entry.js';
import { frame, renderStats } from '../../../src/cli/commands/container/stats.js';
import type { ContainerStatsJSON, CpuStatsJSON } from '../../../src/engine/types.js';
import { emptyStats } from '../../../src/container/stats.js';

const cpu = (total: number, system: number, online?: number, percpu?: number[]): CpuStatsJSON => ({
  cpu_usage: { total_usage: total, usage_in_kernelmode: 0, usage_in_usermode: 0, ...(percpu ? { percpu_usage: percpu } : {}) },
  system_cpu_usage: system, online_cpus: online, throttling_data: { periods: 0, throttled_periods: 0, throttled_time: 0 },
});

const entry = (e: Partial<StatsEntry>): StatsEntry => ({ ...invalidEntry(''), IsInvalid: false, ...e });

describe('docker CLI stats computations (stats_helpers.go)', () => {
  it('CPU %: container delta over system delta times online CPUs', () => {
    // 0.5 s of container CPU over 1 s of a 2-CPU host's time (2 s of CPU time) → 50% of one CPU
    expect(cpuPercent(cpu(1e9, 100e9, 2), cpu(1.5e9, 102e9, 2))).toBeCloseTo(50, 6);
    expect(cpuPercent(cpu(0, 0, 4), cpu(4e9, 4e9, 4))).toBeCloseTo(400, 6);
  });

  it('CPU %: online CPUs fall back to the per-CPU list; no deltas give 0', () => {
    expect(cpuPercent(cpu(1e9, 100e9), cpu(2e9, 104e9, 0, [1, 2, 3, 4]))).toBeCloseTo(100, 6);
    expect(cpuPercent(cpu(1e9, 100e9, 2), cpu(1e9, 101e9, 2))).toBe(0);
    expect(cpuPercent(cpu(1e9, 100e9, 2), cpu(2e9, 100e9, 2))).toBe(0);
  });

  it('memory usage leaves out inactive file pages (v1 total_inactive_file, v2 inactive_file)', () => {
    expect(memUsageNoCache({ usage: 500, stats: { total_inactive_file: 400 } })).toBe(100);
    expect(memUsageNoCache({ usage: 500, stats: { inactive_file: 100 } })).toBe(400);
    // an inactive count above usage is ignored
    expect(memUsageNoCache({ usage: 500, stats: { total_inactive_file: 600 } })).toBe(500);
    expect(memUsageNoCache({})).toBe(0);
  });

  it('memory % of the limit; 0 without a limit', () => {
    expect(memPercent(100, 70)).toBeCloseTo(70, 6);
    expect(memPercent(0, 70)).toBe(0);
  });

  it('block I/O sums reads and writes by the op initial (docker TestCalculateBlockIO)', () => {
    const e = (minor: number, op: string, value: number) => ({ major: 8, minor, op, value });
    const blkio = { ...emptyStats({ Id: 'x', Name: '/x' }).blkio_stats };
    blkio.io_service_bytes_recursive = [
      e(0, 'read', 1234), e(1, 'read', 4567), e(0, 'Read', 6), e(1, 'Read', 8),
      e(0, 'write', 123), e(1, 'write', 456), e(0, 'Write', 6), e(1, 'Write', 8), e(1, '', 456),
    ];
    expect(blockIO(blkio)).toEqual([5815, 593]);
  });

  it('network I/O sums every interface', () => {
    const n = (rx: number, tx: number) => ({ rx_bytes: rx, rx_packets: 0, rx_errors: 0, rx_dropped: 0, tx_bytes: tx, tx_packets: 0, tx_errors: 0, tx_dropped: 0 });
    expect(networkIO({ eth0: n(10, 20), eth1: n(1, 2) })).toEqual([11, 22]);
    expect(networkIO(undefined)).toEqual([0, 0]);
  });
});

describe('docker stats columns (formatter_stats.go)', () => {
  const id = 'c74518277ddc15a6afeaaeb06ee5f7433dcb27188224777c1efa7df1e8766d65';

  it('formats each column as docker', () => {
    const row = statsRow(entry({
      Container: 'web', ID: id, Name: '/web', CPUPercentage: 5.5, MemoryPercentage: 10.2, Memory: 24, MemoryLimit: 30,
      NetworkRx: 0.31, NetworkTx: 12.3, BlockRead: 0.1, BlockWrite: 2.3, PidsCurrent: 10,
    }), true);
    expect(row).toEqual({
      BlockIO: '0.1B / 2.3B', CPUPerc: '5.50%', Container: 'web', ID: 'c74518277ddc', MemPerc: '10.20%', MemUsage: '24B / 30B',
      Name: 'web', NetIO: '0.31B / 12.3B', PIDs: '10',
    });
    expect(statsRow(entry({ ID: id }), false).ID).toBe(id);
  });

  it('binary memory, decimal I/O, Go rounding of percentages', () => {
    const row = statsRow(entry({ Memory: 1.5 * 1024 * 1024, MemoryLimit: 64 * 1024 * 1024, NetworkRx: 1234567, BlockWrite: 4096, CPUPercentage: 0.125 }), true);
    expect(row.MemUsage).toBe('1.5MiB / 64MiB');
    expect(row.NetIO).toBe('1.23MB / 0B');
    expect(row.BlockIO).toBe('0B / 4.1kB');
    expect(row.CPUPerc).toBe('0.12%'); // strconv rounds the exact half to even; toFixed would say 0.13%
  });

  it('an empty or "/" name shows "--"; an invalid entry shows "--" everywhere', () => {
    expect(statsRow(entry({ Name: '' }), true).Name).toBe('--');
    expect(statsRow(entry({ Name: '/' }), true).Name).toBe('--');
    const bad = statsRow(invalidEntry('web', entry({ Name: '/web', ID: id })), true);
    expect(bad).toMatchObject({ CPUPerc: '--', MemUsage: '-- / --', MemPerc: '--', NetIO: '--', BlockIO: '--', PIDs: '--', Name: 'web' });
  });

  it('a stopped container (empty stats) reads as zeros, as docker stats -a shows it', () => {
    const row = statsRow(statsEntry('old', emptyStats({ Id: id, Name: '/old' })), true);
    expect(row).toMatchObject({ CPUPerc: '0.00%', MemUsage: '0B / 0B', MemPerc: '0.00%', NetIO: '0B / 0B', BlockIO: '0B / 0B', PIDs: '0' });
  });

  it('builds an entry from StatsJSON with precpu', () => {
    const v: ContainerStatsJSON = {
      ...emptyStats({ Id: id, Name: '/web' }), read: '2025-01-01T00:00:01Z', preread: '2025-01-01T00:00:00Z',
      cpu_stats: cpu(3e9, 12e9, 2), precpu_stats: cpu(2e9, 10e9, 2),
      memory_stats: { usage: 10 << 20, limit: 100 << 20, stats: { total_inactive_file: 2 << 20 } }, pids_stats: { current: 3 },
    };
    const e = statsEntry('web', v);
    expect(e.CPUPercentage).toBeCloseTo(100, 6);
    expect(e.Memory).toBe(8 << 20);
    expect(e.MemoryPercentage).toBeCloseTo(8, 6);
    expect(e.PidsCurrent).toBe(3);
  });

  it('renders the default table and custom templates', () => {
    const e = entry({ Container: 'web', ID: id, Name: '/web', Memory: 340 * 1024, MemoryLimit: 64 << 20, MemoryPercentage: 0.52, PidsCurrent: 1 });
    expect(renderStats([e], undefined, true)).toBe(
      'CONTAINER ID   NAME      CPU %     MEM USAGE / LIMIT   MEM %     NET I/O   BLOCK I/O   PIDS\n'
      + 'c74518277ddc   web       0.00%     340KiB / 64MiB      0.52%     0B / 0B   0B / 0B     1\n',
    );
    expect(renderStats([e], '{{.Name}} {{.MemUsage}}', true)).toBe('web 340KiB / 64MiB\n');
    expect(renderStats([e], 'table {{.Container}}\t{{.CPUPerc}}', true)).toBe('CONTAINER   CPU %\nweb         0.00%\n');
    expect(JSON.parse(renderStats([e], 'json', true))).toMatchObject({ Container: 'web', Name: 'web', PIDs: '1' });
    // no containers: docker v28 still prints the header
    expect(renderStats([], undefined, true)).toBe('CONTAINER ID   NAME      CPU %     MEM USAGE / LIMIT   MEM %     NET I/O   BLOCK I/O   PIDS\n');
  });

  it('a streaming frame homes the cursor and clears each line and the rest of the screen', () => {
    expect(frame('A\nB\n')).toBe('\x1b[HA\x1b[K\nB\x1b[K\n\x1b[K\n\x1b[J');
  });
});
