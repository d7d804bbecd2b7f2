/** Published ports between the API shapes and leases; network modes; the nft ruleset's essentials. */
import { describe, expect, it } from 'vitest';
import { networkModeOf, networkSettings, portMap, portRequests, summaryPorts, validateNetwork } from '../../../src/network/index.js';
import { RULESET } from '../../../src/network/nft.js';
import type { Lease } from '../../../src/network/index.js';

const lease: Lease = {
  id: 'a'.repeat(64), root: '/r', name: 'web', ip: '10.213.47.5', mac: '02:42:0a:d5:2f:05', owner: 1, pid: 2, created: '',
  ports: [{ proto: 'tcp', containerPort: 80, hostIp: '', hostPort: 8080 }, { proto: 'udp', containerPort: 53, hostIp: '127.0.0.1', hostPort: 5353 }],
};

describe('port requests', () => {
  it('explicit bindings (fixed, random, ranges) then -P over the other exposed ports', () => {
    const reqs = portRequests({ ExposedPorts: { '80/tcp': {}, '443/tcp': {}, '53/udp': {} } }, {
      PortBindings: { '80/tcp': [{ HostIp: '', HostPort: '8080' }, { HostIp: '127.0.0.1', HostPort: '' }], '53/udp': [{ HostIp: '0.0.0.0', HostPort: '9000-9010' }] },
      PublishAllPorts: true,
    });
    expect(reqs).toEqual([
      { proto: 'tcp', containerPort: 80, hostIp: '', hostPortStart: 8080, hostPortEnd: 8080 },
      { proto: 'tcp', containerPort: 80, hostIp: '127.0.0.1', hostPortStart: 0, hostPortEnd: 0 },
      { proto: 'udp', containerPort: 53, hostIp: '', hostPortStart: 9000, hostPortEnd: 9010 },
      { proto: 'tcp', containerPort: 443, hostIp: '', hostPortStart: 0, hostPortEnd: 0 },
    ]);
  });

  it('bad API input is refused before anything is reserved', () => {
    expect(() => portRequests({}, { PortBindings: { '99999/tcp': [] } })).toThrow('invalid port specification: "99999"');
    expect(() => portRequests({}, { PortBindings: { '80/tcp': [{ HostIp: '', HostPort: '70000' }] } })).toThrow('invalid port specification: "70000"');
    expect(() => portRequests({}, { PortBindings: { '80/tcp': [{ HostIp: '::1', HostPort: '80' }] } })).toThrow('IPv4 addresses only');
  });
});

describe('inspect and ps shapes', () => {
  it('NetworkSettings.Ports: published with their host side, exposed-only as null', () => {
    expect(portMap(lease, { '80/tcp': {}, '9000/tcp': {} })).toEqual({
      '80/tcp': [{ HostIp: '0.0.0.0', HostPort: '8080' }], '9000/tcp': null, '53/udp': [{ HostIp: '127.0.0.1', HostPort: '5353' }],
    });
  });

  it('ps Ports, sorted by private port', () => {
    expect(summaryPorts(lease, { '9000/tcp': {} })).toEqual([
      { IP: '127.0.0.1', PrivatePort: 53, PublicPort: 5353, Type: 'udp' },
      { IP: '0.0.0.0', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' },
      { PrivatePort: 9000, Type: 'tcp' },
    ]);
  });

  it('running bridge container: address, gateway, MAC, the bridge network; stopped: empty endpoint', () => {
    expect(networkSettings('bridge', lease, {})).toMatchObject({
      IPAddress: '10.213.47.5', Gateway: '10.213.47.1', IPPrefixLen: 24, MacAddress: '02:42:0a:d5:2f:05',
      Networks: { bridge: { IPAddress: '10.213.47.5' } }, Ports: { '80/tcp': [{ HostIp: '0.0.0.0', HostPort: '8080' }] },
    });
    expect(networkSettings('default', undefined, {})).toMatchObject({ IPAddress: '', Ports: {}, Networks: { bridge: { IPAddress: '' } } });
    expect(networkSettings('host', lease, {})).toMatchObject({ IPAddress: '', Networks: { host: {} } });
  });
});

describe('modes', () => {
  it('bridge (default), host, none; anything else is "network X not found"', () => {
    expect(networkModeOf(undefined)).toBe('bridge');
    expect(networkModeOf('default')).toBe('bridge');
    expect(networkModeOf('none')).toBe('none');
    expect(() => networkModeOf('mynet')).toThrow('network mynet not found');
    expect(() => validateNetwork({}, { NetworkMode: 'bridge', PortBindings: { abc: [] } })).toThrow('invalid port specification');
  });
});

describe('nft ruleset', () => {
  it('DNAT for local destinations in prerouting and output, masquerade, and the loopback guard', () => {
    expect(RULESET).toContain('fib daddr type local dnat ip to meta l4proto . th dport map @ports_any');
    expect(RULESET).toMatch(/chain output \{\n\s+type nat hook output/);
    expect(RULESET).toContain('oifname "berth0" fib saddr type local masquerade');
    expect(RULESET).toContain('iifname "berth0" ip daddr 127.0.0.0/8 drop');
  });
});
