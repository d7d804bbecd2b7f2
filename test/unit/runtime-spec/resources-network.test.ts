import { describe, expect, it } from 'vitest';
import { bareSpec, generateSpec, isEngineErrorCode, withNetworkNamespace, withResources } from './helpers.js';

const MB = 1024 * 1024;

describe('withResources', () => {
  it('sets memory, default swap = 2x, cpu quota/period, shares, pids', () => {
    const s = bareSpec();
    withResources({ memory: 256 * MB, cpus: 1.5, cpuShares: 512, pidsLimit: 100 }, { cpus: 4 })(s);
    expect(s.linux!.resources).toEqual({
      memory: { limit: 256 * MB, swap: 512 * MB },
      cpu: { period: 100000, quota: 150000, shares: 512 },
      pids: { limit: 100 },
    });
  });

  it('swap -1 is left unset; pids <= 0 is unlimited; shares are clamped', () => {
    const s = bareSpec();
    withResources({ memory: 64 * MB, memorySwap: -1, pidsLimit: 0, cpuShares: 1 }, { cpus: 2 })(s);
    expect(s.linux!.resources).toEqual({ memory: { limit: 64 * MB }, cpu: { shares: 2 }, pids: { limit: -1 } });
  });

  it('keeps the default device rules', () => {
    const s = generateSpec(withResources({ memory: 10 * MB }, { cpus: 2 }));
    expect(s.linux!.resources!.devices).toHaveLength(8);
  });

  it('validates like dockerd', () => {
    expect(() => withResources({ memory: 4 * MB })).toThrow('Minimum memory limit allowed is 6MB');
    expect(isEngineErrorCode(() => withResources({ memory: 4 * MB }))).toBe('INVALID_ARGUMENT');
    expect(() => withResources({ cpus: 3 }, { cpus: 2 })).toThrow('Range of CPUs is from 0.01 to 2.00, as there are only 2 CPUs available');
    expect(() => withResources({ cpus: -1 }, { cpus: 8 })).toThrow('Range of CPUs is from 0.01 to 8.00, as there are only 8 CPUs available');
    expect(() => withResources({ memory: 100 * MB, memorySwap: 50 * MB })).toThrow('Minimum memoryswap limit should be larger than memory limit, see usage');
    expect(() => withResources({ memorySwap: 50 * MB })).toThrow('You should always set the Memory limit when using Memoryswap limit, see usage');
  });
});

describe('withNetworkNamespace', () => {
  const netns = (s: ReturnType<typeof generateSpec>) => s.linux!.namespaces!.filter((n) => n.type === 'network');

  it('host: no netns entry and no netns sysctls', () => {
    const s = generateSpec(withNetworkNamespace('host'));
    expect(netns(s)).toEqual([]);
    expect(s.linux!.sysctl).toEqual({});
  });

  it('a path joins that netns and keeps the sysctls; shared drops them', () => {
    const s = generateSpec(withNetworkNamespace('/run/netns/berth-c1'));
    expect(netns(s)).toEqual([{ type: 'network', path: '/run/netns/berth-c1' }]);
    expect(s.linux!.sysctl!['net.ipv4.ip_unprivileged_port_start']).toBe('0');
    const t = generateSpec(withNetworkNamespace('/proc/123/ns/net', { shared: true }));
    expect(t.linux!.sysctl).toEqual({});
  });

  it('none: a fresh netns, on a bare spec too', () => {
    const s = bareSpec();
    withNetworkNamespace('none')(s);
    expect(s.linux!.namespaces).toEqual([{ type: 'network' }]);
    expect(s.linux!.sysctl!['net.ipv4.ping_group_range']).toBe('0 2147483647');
    expect(isEngineErrorCode(() => withNetworkNamespace('bridge'))).toBe('INVALID_ARGUMENT');
  });
});
