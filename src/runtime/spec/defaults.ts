/**
 * Docker's default Linux spec (moby v28 oci/defaults.go plus the parts of daemon/oci_linux.go
 * that apply to every non-privileged container). Returned fresh each call: options mutate it.
 */
import { DEFAULT_CAPABILITIES } from './capabilities.js';
import type { LinuxDeviceCgroup, Mount, RuntimeSpec } from './types.js';

/** runc 1.1.5 reports spec 1.0.2-dev; everything we emit is within 1.0.2. */
export const OCI_VERSION = '1.0.2';

export const DEFAULT_PATH_ENV = 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** dockerd's default --shm-size (64 MiB). */
export const DEFAULT_SHM_SIZE = 64 * 1024 * 1024;

export function defaultMounts(shmSize = DEFAULT_SHM_SIZE): Mount[] {
  return [
    { destination: '/proc', type: 'proc', source: 'proc', options: ['nosuid', 'noexec', 'nodev'] },
    { destination: '/dev', type: 'tmpfs', source: 'tmpfs', options: ['nosuid', 'strictatime', 'mode=755', 'size=65536k'] },
    { destination: '/dev/pts', type: 'devpts', source: 'devpts', options: ['nosuid', 'noexec', 'newinstance', 'ptmxmode=0666', 'mode=0620', 'gid=5'] },
    { destination: '/sys', type: 'sysfs', source: 'sysfs', options: ['nosuid', 'noexec', 'nodev', 'ro'] },
    { destination: '/sys/fs/cgroup', type: 'cgroup', source: 'cgroup', options: ['ro', 'nosuid', 'noexec', 'nodev'] },
    { destination: '/dev/mqueue', type: 'mqueue', source: 'mqueue', options: ['nosuid', 'noexec', 'nodev'] },
    // dockerd mounts a private /dev/shm for the default "private" IPC mode, sized by --shm-size.
    { destination: '/dev/shm', type: 'tmpfs', source: 'shm', options: ['nosuid', 'noexec', 'nodev', 'mode=1777', `size=${shmSize}`] },
  ];
}

/** /proc and /sys entries that leak host information or allow host-wide writes. */
export const DEFAULT_MASKED_PATHS: readonly string[] = [
  '/proc/asound', '/proc/acpi', '/proc/interrupts', '/proc/kcore', '/proc/keys', '/proc/latency_stats',
  '/proc/timer_list', '/proc/timer_stats', '/proc/sched_debug', '/proc/scsi', '/sys/firmware',
  '/sys/devices/virtual/powercap',
];

export const DEFAULT_READONLY_PATHS: readonly string[] = [
  '/proc/bus', '/proc/fs', '/proc/irq', '/proc/sys', '/proc/sysrq-trigger',
];

const chr = (major: number, minor: number, allow = true): LinuxDeviceCgroup =>
  ({ allow, type: 'c', major, minor, access: 'rwm' });

/** Deny everything, allow the nodes runc creates by default, and deny fuse explicitly. */
export function defaultDeviceRules(): LinuxDeviceCgroup[] {
  return [
    { allow: false, access: 'rwm' },
    chr(1, 5), chr(1, 3), chr(1, 9), chr(1, 8), chr(5, 0), chr(5, 1),
    chr(10, 229, false),
  ];
}

/** Per-netns sysctls dockerd sets for a container with its own network namespace. */
export const NETNS_SYSCTLS: Readonly<Record<string, string>> = {
  // ICMP echo sockets without CAP_NET_RAW, so ping works after --cap-drop NET_RAW.
  'net.ipv4.ping_group_range': '0 2147483647',
  // Bind ports below 1024 without CAP_NET_BIND_SERVICE.
  'net.ipv4.ip_unprivileged_port_start': '0',
};

/**
 * The base spec. `extraMaskedPaths` carries host-dependent entries (thermal_throttle dirs).
 * No rlimits: dockerd sets none unless --ulimit or daemon default-ulimits, so the container
 * inherits the runtime's limits. No seccomp: generateSpec adds it last, once caps are final.
 */
export function defaultSpec(extraMaskedPaths: readonly string[] = []): RuntimeSpec {
  const caps = () => [...DEFAULT_CAPABILITIES];
  return {
    ociVersion: OCI_VERSION,
    root: { path: 'rootfs', readonly: false },
    mounts: defaultMounts(),
    process: {
      terminal: false,
      user: { uid: 0, gid: 0 },
      args: [],
      env: [DEFAULT_PATH_ENV],
      cwd: '/',
      // Docker sets bounding = effective = permitted; inheritable and ambient stay empty.
      capabilities: { bounding: caps(), effective: caps(), permitted: caps() },
      noNewPrivileges: false,
      oomScoreAdj: 0,
    },
    linux: {
      namespaces: [{ type: 'mount' }, { type: 'network' }, { type: 'uts' }, { type: 'pid' }, { type: 'ipc' }],
      devices: [],
      resources: { devices: defaultDeviceRules() },
      sysctl: { ...NETNS_SYSCTLS },
      maskedPaths: [...DEFAULT_MASKED_PATHS, ...extraMaskedPaths],
      readonlyPaths: [...DEFAULT_READONLY_PATHS],
    },
  };
}
