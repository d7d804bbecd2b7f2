/**
 * docker run flags (as Config + HostConfig) → OCI runtime spec, as one list of spec options.
 * Everything that can be wrong with the flags fails here, so `create` can validate before anything
 * exists on disk.
 */
import {
  generateSpec, withArgs, withCapabilities, withCgroupsPath, withCwd, withEnv, withHostname, withInit, withMounts,
  withNetworkNamespace, withNoNewPrivileges, withPrivileged, withReadonlyRootfs, withResources, withRootfs, withSeccomp,
  withShmSize, withTty, withUser, resolveUser, parseSecurityOpts, loadSeccompProfileFile, withSystemPathsUnconfined,
  type RuntimeSpec, type SpecOpt, type Mount,
} from '../runtime/spec/index.js';
import type { ContainerConfig, HostConfig } from '../types/container.js';
import { invalid } from '../lib/errors.js';

export interface SpecInput {
  id: string;
  rootfs: string;
  config: ContainerConfig;
  hostConfig: HostConfig;
  /** /etc/passwd and /etc/group of the image (undefined when absent). */
  passwd?: string;
  group?: string;
  /** Host files bind-mounted as /etc/hostname, /etc/hosts, /etc/resolv.conf. */
  etc?: { hostname: string; hosts: string; resolvConf: string };
  /** Volume, bind and tmpfs mounts (the volumes issue supplies them). */
  mounts?: Mount[];
  /** A network namespace path made for the container, when it has one. */
  netns?: string;
}

const bind = (source: string, destination: string, ro = false): Mount => ({
  destination, type: 'bind', source, options: ['rbind', 'rprivate', ro ? 'ro' : 'rw'],
});

/** The argv a container runs: ENTRYPOINT + CMD, as docker merges them. */
export function containerArgv(config: ContainerConfig): string[] {
  const argv = [...(config.Entrypoint ?? []), ...(config.Cmd ?? [])];
  if (argv.length === 0) throw invalid('no command specified');
  return argv;
}

export async function buildSpec(input: SpecInput): Promise<RuntimeSpec> {
  const { config: c, hostConfig: h } = input;
  const sec = parseSecurityOpts(h.SecurityOpt ?? []);
  const user = resolveUser(c.User ?? '', input.passwd, input.group, h.GroupAdd ?? []);
  const hostname = c.Hostname || input.id.slice(0, 12);
  const network = h.NetworkMode === 'host' ? 'host' : input.netns ?? 'none';
  const opts: SpecOpt[] = [
    withRootfs(input.rootfs, false),
    // with --network host the container shares the host's UTS namespace, as docker does
    ...(network === 'host' ? [] : [withHostname(hostname, c.Domainname || undefined)]),
    ...(c.Tty ? [withTty(h.ConsoleSize ? { rows: h.ConsoleSize[0] || 24, cols: h.ConsoleSize[1] || 80 } : undefined)] : []),
    withArgs(containerArgv(c)),
    withEnv(c.Env ?? [], { hostname, tty: c.Tty === true }),
    withCwd(c.WorkingDir || '/'),
    withUser(user),
    withCgroupsPath(`/berth/${input.id}`),
    withNetworkNamespace(network),
    withCapabilities({ add: h.CapAdd ?? [], drop: h.CapDrop ?? [] }),
    withResources({ memory: h.Memory, memorySwap: h.MemorySwap, cpus: h.NanoCpus ? h.NanoCpus / 1e9 : undefined, cpuShares: h.CpuShares, pidsLimit: h.PidsLimit ?? undefined }),
  ];
  if (h.ShmSize) opts.push(withShmSize(h.ShmSize));
  if (h.ReadonlyRootfs) opts.push(withReadonlyRootfs());
  if (sec.noNewPrivileges) opts.push(withNoNewPrivileges());
  if (sec.systemPathsUnconfined) opts.push(withSystemPathsUnconfined());
  if (sec.seccomp.kind === 'unconfined') opts.push(withSeccomp('unconfined'));
  else if (sec.seccomp.kind === 'file') opts.push(withSeccomp(await loadSeccompProfileFile(sec.seccomp.path)));
  else if (sec.seccomp.kind === 'inline') opts.push(withSeccomp(sec.seccomp.profile));
  if (h.Privileged) opts.push(withPrivileged());
  const mounts: Mount[] = [];
  if (input.etc) {
    mounts.push(bind(input.etc.hostname, '/etc/hostname', h.ReadonlyRootfs), bind(input.etc.hosts, '/etc/hosts', h.ReadonlyRootfs), bind(input.etc.resolvConf, '/etc/resolv.conf', h.ReadonlyRootfs));
  }
  mounts.push(...(input.mounts ?? []));
  opts.push(withMounts(mounts));
  if (h.Init) opts.push(withInit());
  return generateSpec(...opts);
}
