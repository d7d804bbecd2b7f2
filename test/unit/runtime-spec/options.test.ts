import { describe, expect, it } from 'vitest';
import {
  bareSpec, generateSpec, isEngineErrorCode, withAnnotations, withArgs, withCgroupsPath, withCwd, withHostname,
  withInit, withNoNewPrivileges, withReadonlyRootfs, withRlimits, withRootfs, withShmSize, withSystemPathsUnconfined,
  withTty, withUser, withWritableCgroups,
} from './helpers.js';

describe('simple options on a bare spec', () => {
  it('withRootfs / withReadonlyRootfs', () => {
    const s = bareSpec();
    withRootfs('/var/lib/berth/c1/rootfs')(s);
    expect(s.root).toEqual({ path: '/var/lib/berth/c1/rootfs', readonly: false });
    withReadonlyRootfs()(s);
    expect(s.root).toEqual({ path: '/var/lib/berth/c1/rootfs', readonly: true });
    withRootfs('rootfs', false)(s);
    expect(s.root!.readonly).toBe(false);
  });

  it('withArgs copies argv and refuses an empty one', () => {
    const argv = ['/bin/sh', '-c', 'echo hi'];
    const s = bareSpec();
    withArgs(argv)(s);
    argv.push('x');
    expect(s.process!.args).toEqual(['/bin/sh', '-c', 'echo hi']);
    expect(() => withArgs([])).toThrow('No command specified');
  });

  it('withCwd cleans, defaults to / and wants an absolute path', () => {
    const s = bareSpec();
    withCwd('/app//src/')(s);
    expect(s.process!.cwd).toBe('/app/src');
    withCwd('')(s);
    expect(s.process!.cwd).toBe('/');
    expect(isEngineErrorCode(() => withCwd('app'))).toBe('INVALID_ARGUMENT');
    expect(() => withCwd('app')).toThrow("the working directory 'app' is invalid, it needs to be an absolute path");
  });

  it('withUser', () => {
    const s = bareSpec();
    withUser({ uid: 1000, gid: 1000, additionalGids: [1000, 27] })(s);
    expect(s.process!.user).toEqual({ uid: 1000, gid: 1000, additionalGids: [1000, 27] });
    withUser({ uid: 0, gid: 0 })(s);
    expect(s.process!.user).toEqual({ uid: 0, gid: 0 });
  });

  it('withTty sets terminal and consoleSize (height = rows)', () => {
    const s = bareSpec();
    withTty({ rows: 40, cols: 120 })(s);
    expect(s.process).toMatchObject({ terminal: true, consoleSize: { height: 40, width: 120 } });
    withTty()(s);
    expect(s.process!.consoleSize).toBeUndefined();
  });

  it('withHostname', () => {
    const s = bareSpec();
    withHostname('abc123def456', 'example.com')(s);
    expect([s.hostname, s.domainname]).toEqual(['abc123def456', 'example.com']);
    withHostname('web')(s);
    expect(s.domainname).toBeUndefined();
  });

  it('withNoNewPrivileges', () => {
    const s = bareSpec();
    withNoNewPrivileges()(s);
    expect(s.process!.noNewPrivileges).toBe(true);
    withNoNewPrivileges(false)(s);
    expect(s.process!.noNewPrivileges).toBe(false);
  });

  it('withCgroupsPath and withAnnotations', () => {
    const s = bareSpec();
    withCgroupsPath('/berth/c1')(s);
    withAnnotations({ a: '1' })(s);
    withAnnotations({ b: '2' })(s);
    expect(s.linux!.cgroupsPath).toBe('/berth/c1');
    expect(s.annotations).toEqual({ a: '1', b: '2' });
  });

  it('withInit bind-mounts tini read-only at /sbin/docker-init and prepends it', () => {
    const s = bareSpec();
    withArgs(['sleep', '1'])(s);
    withInit()(s);
    expect(s.process!.args).toEqual(['/sbin/docker-init', '--', 'sleep', '1']);
    expect(s.mounts).toEqual([{ destination: '/sbin/docker-init', type: 'bind', source: '/usr/bin/tini-static', options: ['bind', 'ro'] }]);
  });

  it('withRlimits maps docker ulimit names, first entry wins', () => {
    const s = bareSpec();
    withRlimits([{ name: 'nofile', soft: 1024, hard: 4096 }, { name: 'nofile', soft: 1, hard: 1 }, { name: 'nproc', soft: 10, hard: 10 }])(s);
    expect(s.process!.rlimits).toEqual([
      { type: 'RLIMIT_NOFILE', soft: 1024, hard: 4096 }, { type: 'RLIMIT_NPROC', soft: 10, hard: 10 },
    ]);
    expect(() => withRlimits([{ name: 'bogus', soft: 1, hard: 1 }])).toThrow('invalid ulimit type: bogus');
  });

  it('withShmSize, withSystemPathsUnconfined, withWritableCgroups on the default spec', () => {
    const s = generateSpec(withShmSize(1 << 20), withSystemPathsUnconfined(), withWritableCgroups());
    expect(s.mounts!.find((m) => m.destination === '/dev/shm')!.options).toContain('size=1048576');
    expect(s.mounts!.find((m) => m.destination === '/dev/shm')!.options!.filter((o) => o.startsWith('size='))).toHaveLength(1);
    expect([s.linux!.maskedPaths, s.linux!.readonlyPaths]).toEqual([[], []]);
    expect(s.mounts!.find((m) => m.type === 'cgroup')!.options).not.toContain('ro');
  });
});
