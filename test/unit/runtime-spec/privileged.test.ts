import { describe, expect, it } from 'vitest';
import { KNOWN_CAPABILITIES, bareSpec, generateSpec, hostDevices, withPrivileged, withReadonlyRootfs, type LinuxDevice } from './helpers.js';

const loop0: LinuxDevice = { type: 'b', path: '/dev/loop0', major: 7, minor: 0, fileMode: 0o660, uid: 0, gid: 6 };

describe('withPrivileged', () => {
  const caps = [...KNOWN_CAPABILITIES];
  const s = generateSpec(withReadonlyRootfs(), withPrivileged({ caps, devices: [loop0] }));

  it('gives every available cap and no seccomp', () => {
    expect(s.process!.capabilities).toEqual({ bounding: caps, effective: caps, permitted: caps });
    expect(s.linux!.seccomp).toBeUndefined();
  });

  it('has no masked or readonly paths, rw /sys and cgroup, all devices', () => {
    expect(s.linux!.maskedPaths).toEqual([]);
    expect(s.linux!.readonlyPaths).toEqual([]);
    expect(s.mounts!.find((m) => m.destination === '/sys')!.options).not.toContain('ro');
    expect(s.mounts!.find((m) => m.destination === '/sys/fs/cgroup')!.options).not.toContain('ro');
    expect(s.linux!.resources!.devices).toEqual([{ allow: true, access: 'rwm' }]);
    expect(s.linux!.devices).toEqual([loop0]);
    expect(s.root!.readonly).toBe(true);
  });

  it('works on a bare spec', () => {
    const b = bareSpec();
    withPrivileged({ caps: ['CAP_CHOWN'], devices: [] })(b);
    expect(b.process!.capabilities!.bounding).toEqual(['CAP_CHOWN']);
    expect(b.linux!.resources!.devices).toEqual([{ allow: true, access: 'rwm' }]);
  });

  it('hostDevices lists char devices like /dev/null with their numbers, skipping pts and console', () => {
    const devs = hostDevices();
    expect(devs).toContainEqual(expect.objectContaining({ type: 'c', path: '/dev/null', major: 1, minor: 3 }));
    expect(devs.some((d) => d.path.startsWith('/dev/pts/') || d.path === '/dev/console')).toBe(false);
  });
});
