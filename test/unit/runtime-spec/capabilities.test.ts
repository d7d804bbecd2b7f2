import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CAPABILITIES, KNOWN_CAPABILITIES, isEngineErrorCode, tweakCapabilities, withCapAdd, withCapDrop, withCapabilities,
} from './helpers.js';

const all = [...KNOWN_CAPABILITIES];
const bare = () => ({ ociVersion: '1.0.2', process: { user: { uid: 0, gid: 0 }, cwd: '/', capabilities: { bounding: [...DEFAULT_CAPABILITIES] } } });

describe('capabilities', () => {
  it('adds with or without CAP_ prefix, any case', () => {
    const s = bare();
    withCapAdd(['net_admin', 'CAP_SYS_PTRACE', 'Sys_Time'], all)(s);
    const b = s.process.capabilities.bounding;
    expect(b.slice(-3)).toEqual(['CAP_NET_ADMIN', 'CAP_SYS_PTRACE', 'CAP_SYS_TIME']);
    expect(s.process.capabilities).toMatchObject({ effective: b, permitted: b });
  });

  it('drops', () => {
    const s = bare();
    withCapDrop(['NET_RAW', 'cap_mknod'], all)(s);
    expect(s.process.capabilities.bounding).not.toContain('CAP_NET_RAW');
    expect(s.process.capabilities.bounding).not.toContain('CAP_MKNOD');
    expect(s.process.capabilities.bounding).toHaveLength(12);
  });

  it('add ALL gives every available cap minus drops', () => {
    expect(tweakCapabilities(DEFAULT_CAPABILITIES, ['ALL'], ['MKNOD'], all)).toEqual(all.filter((c) => c !== 'CAP_MKNOD'));
  });

  it('drop ALL keeps only the adds, in either option order', () => {
    const s = bare();
    withCapabilities({ add: ['NET_BIND_SERVICE'], drop: ['ALL'] }, all)(s);
    expect(s.process.capabilities.bounding).toEqual(['CAP_NET_BIND_SERVICE']);
    const t = bare();
    withCapDrop(['all'], all)(t);
    withCapAdd(['chown'], all)(t);
    expect(t.process.capabilities.bounding).toEqual(['CAP_CHOWN']);
  });

  it('follows the CLI: drop ALL beats add ALL; a cap both added and dropped is added', () => {
    expect(tweakCapabilities(DEFAULT_CAPABILITIES, ['ALL'], ['ALL'], all)).toEqual([]);
    expect(tweakCapabilities(['CAP_CHOWN'], ['NET_ADMIN'], ['NET_ADMIN'], all)).toEqual(['CAP_CHOWN', 'CAP_NET_ADMIN']);
  });

  it('rejects unknown and unavailable caps like dockerd', () => {
    expect(() => tweakCapabilities([], ['FOO'], [], all)).toThrow('unknown capability: "CAP_FOO"');
    expect(isEngineErrorCode(() => tweakCapabilities([], ['foo'], [], all))).toBe('INVALID_ARGUMENT');
    expect(() => tweakCapabilities([], ['SYS_RESOURCE'], [], all.filter((c) => c !== 'CAP_SYS_RESOURCE')))
      .toThrow('capability not supported by your kernel or not available in the current environment: "CAP_SYS_RESOURCE"');
  });
});
