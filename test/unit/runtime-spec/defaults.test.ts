import { describe, expect, it } from 'vitest';
import { DEFAULT_CAPABILITIES, capsFromMask, generateSpec, withCapAdd } from '../../../src/runtime/spec/index.js';

describe('generateSpec defaults (docker v28)', () => {
  const s = generateSpec();

  it('has exactly docker\'s 14 default caps in bounding = effective = permitted, none inheritable/ambient', () => {
    const docker = [
      'CAP_CHOWN', 'CAP_DAC_OVERRIDE', 'CAP_FSETID', 'CAP_FOWNER', 'CAP_MKNOD', 'CAP_NET_RAW', 'CAP_SETGID',
      'CAP_SETUID', 'CAP_SETFCAP', 'CAP_SETPCAP', 'CAP_NET_BIND_SERVICE', 'CAP_SYS_CHROOT', 'CAP_KILL', 'CAP_AUDIT_WRITE',
    ];
    const c = s.process!.capabilities!;
    expect(c.bounding).toEqual(docker);
    expect(c.effective).toEqual(docker);
    expect(c.permitted).toEqual(docker);
    expect(c.inheritable ?? []).toEqual([]);
    expect(c.ambient ?? []).toEqual([]);
    // The mask docker containers show as CapEff.
    expect(capsFromMask('00000000a80425fb').sort()).toEqual([...DEFAULT_CAPABILITIES].sort());
  });

  it('has the five namespaces and no user or cgroup namespace', () => {
    expect(s.linux!.namespaces!.map((n) => n.type)).toEqual(['mount', 'network', 'uts', 'pid', 'ipc']);
  });

  it('mounts proc, dev, devpts, ro sysfs and cgroup, mqueue and a 64 MiB shm', () => {
    const m = Object.fromEntries(s.mounts!.map((x) => [x.destination, x]));
    expect(Object.keys(m)).toEqual(['/proc', '/dev', '/dev/pts', '/sys', '/sys/fs/cgroup', '/dev/mqueue', '/dev/shm']);
    expect(m['/sys']!.options).toContain('ro');
    expect(m['/sys/fs/cgroup']!.options).toContain('ro');
    expect(m['/dev/pts']!.options).toEqual(['nosuid', 'noexec', 'newinstance', 'ptmxmode=0666', 'mode=0620', 'gid=5']);
    expect(m['/dev/shm']!.options).toEqual(['nosuid', 'noexec', 'nodev', 'mode=1777', 'size=67108864']);
  });

  it('masks and read-only-binds the /proc and /sys paths', () => {
    expect(s.linux!.maskedPaths).toEqual(expect.arrayContaining([
      '/proc/asound', '/proc/acpi', '/proc/interrupts', '/proc/kcore', '/proc/keys', '/proc/latency_stats',
      '/proc/timer_list', '/proc/timer_stats', '/proc/sched_debug', '/proc/scsi', '/sys/firmware',
      '/sys/devices/virtual/powercap',
    ]));
    expect(s.linux!.readonlyPaths).toEqual(['/proc/bus', '/proc/fs', '/proc/irq', '/proc/sys', '/proc/sysrq-trigger']);
  });

  it('denies all devices, allows the default char devices, denies fuse', () => {
    const d = s.linux!.resources!.devices!;
    expect(d[0]).toEqual({ allow: false, access: 'rwm' });
    const allowed = d.filter((r) => r.allow).map((r) => `${r.type} ${r.major}:${r.minor}`);
    expect(allowed).toEqual(['c 1:5', 'c 1:3', 'c 1:9', 'c 1:8', 'c 5:0', 'c 5:1']);
    expect(d.at(-1)).toEqual({ allow: false, type: 'c', major: 10, minor: 229, access: 'rwm' });
  });

  it('sets the netns sysctls, no-new-privileges off, oomScoreAdj 0, no rlimits', () => {
    expect(s.linux!.sysctl).toEqual({ 'net.ipv4.ping_group_range': '0 2147483647', 'net.ipv4.ip_unprivileged_port_start': '0' });
    expect(s.process!.noNewPrivileges).toBe(false);
    expect(s.process!.oomScoreAdj).toBe(0);
    expect(s.process!.rlimits).toBeUndefined();
    expect(s.process!.env).toEqual(['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin']);
  });

  it('applies the default seccomp profile against the final caps', () => {
    expect(s.linux!.seccomp!.defaultAction).toBe('SCMP_ACT_ERRNO');
    expect(s.linux!.seccomp!.defaultErrnoRet).toBe(1);
    const names = (sp: typeof s) => sp.linux!.seccomp!.syscalls!.flatMap((r) => r.names);
    expect(names(s)).not.toContain('unshare');
    const admin = generateSpec(withCapAdd(['SYS_ADMIN'], ['CAP_SYS_ADMIN']));
    expect(names(admin)).toContain('unshare');
  });

  it('returns independent specs', () => {
    const a = generateSpec();
    a.linux!.seccomp!.syscalls!.length = 0;
    a.mounts!.pop();
    const b = generateSpec();
    expect(b.linux!.seccomp!.syscalls!.length).toBeGreaterThan(10);
    expect(b.mounts).toHaveLength(7);
  });
});
