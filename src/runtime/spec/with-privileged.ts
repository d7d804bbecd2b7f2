/**
 * --privileged, as dockerd: every capability the engine holds, no seccomp (even if one was
 * asked for), no masked or read-only /proc paths, /sys and the cgroup mount read-write, every
 * host device node created and the device cgroup opened to all.
 */
import { hostDevices } from './host-devices.js';
import { hostCapabilities } from './host.js';
import { stateOf } from './state.js';
import type { LinuxDevice, Mount, SpecOpt } from './types.js';
import { setCapabilities } from './with-capabilities.js';
import { ensureLinux } from './process.js';

const clearReadonly = (m: Mount) => {
  m.options = (m.options ?? []).filter((o) => o !== 'ro');
};

export function withPrivileged(host: { caps?: readonly string[]; devices?: readonly LinuxDevice[] } = {}): SpecOpt {
  return (s) => {
    stateOf(s).privileged = true;
    setCapabilities(s, host.caps ?? hostCapabilities());
    const linux = ensureLinux(s);
    delete linux.seccomp;
    linux.maskedPaths = [];
    linux.readonlyPaths = [];
    for (const m of s.mounts ?? []) if (m.destination === '/sys' || m.type === 'cgroup') clearReadonly(m);
    const devices = host.devices ?? hostDevices();
    const taken = new Set((linux.devices ?? []).map((d) => d.path));
    linux.devices = [...(linux.devices ?? []), ...devices.filter((d) => !taken.has(d.path)).map((d) => ({ ...d }))];
    linux.resources = { ...linux.resources, devices: [{ allow: true, access: 'rwm' }] };
  };
}
