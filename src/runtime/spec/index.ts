/** OCI runtime spec generation, Docker-compatible defaults and options. */
export type * from './types.js';
export type * from './seccomp/types.js';
export { generateSpec } from './generate.js';
export {
  defaultSpec, defaultMounts, defaultDeviceRules, DEFAULT_MASKED_PATHS, DEFAULT_READONLY_PATHS,
  DEFAULT_PATH_ENV, DEFAULT_SHM_SIZE, NETNS_SYSCTLS, OCI_VERSION,
} from './defaults.js';
export { DEFAULT_CAPABILITIES, KNOWN_CAPABILITIES, capsFromMask, tweakCapabilities } from './capabilities.js';
export { hostCapabilities, hostKernel, hostArch, hostCpuCount, thermalThrottlePaths } from './host.js';
export { hostDevices } from './host-devices.js';
export { mergeEnv, replaceOrAppendEnv, containerEnv } from './env.js';
export { resolveUser, parsePasswd, parseGroup, type ResolvedUser } from './resolve-user.js';
export { parseSecurityOpts, type SecurityOpts, type SeccompOpt } from './security-opts.js';
export { convertSeccompProfile } from './seccomp/convert.js';
export { nativeArch, scmpArch } from './seccomp/arch.js';
export { defaultSeccompProfile, parseSeccompProfile, loadSeccompProfileFile, packageRoot } from './seccomp/load.js';
export { withRootfs } from './with-rootfs.js';
export { withReadonlyRootfs } from './with-readonly-rootfs.js';
export { withArgs } from './with-args.js';
export { withEnv } from './with-env.js';
export { withCwd } from './with-cwd.js';
export { withUser } from './with-user.js';
export { withTty } from './with-tty.js';
export { withHostname } from './with-hostname.js';
export { withMounts, sortMounts } from './with-mounts.js';
export { withShmSize } from './with-shm-size.js';
export { withCapabilities, withCapAdd, withCapDrop, setCapabilities } from './with-capabilities.js';
export { withPrivileged } from './with-privileged.js';
export { withNoNewPrivileges } from './with-no-new-privileges.js';
export { withSeccomp, applySeccomp } from './with-seccomp.js';
export { withResources, type ResourceLimits } from './with-resources.js';
export { withCgroupsPath } from './with-cgroups-path.js';
export { withNetworkNamespace } from './with-network-namespace.js';
export { withInit, INIT_PATH_IN_CONTAINER, DEFAULT_INIT_BINARY } from './with-init.js';
export { withAnnotations } from './with-annotations.js';
export { withRlimits, ULIMIT_NAMES, type Ulimit } from './with-rlimits.js';
export { withSystemPathsUnconfined } from './with-system-paths.js';
export { withWritableCgroups } from './with-writable-cgroups.js';
