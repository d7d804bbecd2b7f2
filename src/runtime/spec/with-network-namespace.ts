/**
 * The network namespace. A new one is the default (docker bridge/none); a path joins one the
 * engine prepared (still the container's own, so the netns sysctls stay); 'host' shares the
 * host's, where the per-netns sysctls would change the host, so they go. `shared` is for
 * --network container:<id>, joining another container's namespace: its sysctls are its own.
 */
import { invalid } from '../../lib/errors.js';
import { NETNS_SYSCTLS } from './defaults.js';
import type { SpecOpt } from './types.js';
import { ensureLinux } from './process.js';

export function withNetworkNamespace(mode: string, opts: { shared?: boolean } = {}): SpecOpt {
  if (mode !== 'host' && mode !== 'none' && !mode.startsWith('/')) {
    throw invalid(`network namespace must be 'host', 'none' or an absolute path, not "${mode}"`);
  }
  return (s) => {
    const linux = ensureLinux(s);
    const others = (linux.namespaces ?? []).filter((n) => n.type !== 'network');
    if (mode === 'host') linux.namespaces = others;
    else if (mode === 'none') linux.namespaces = [...others, { type: 'network' }];
    else linux.namespaces = [...others, { type: 'network', path: mode }];
    const keepSysctls = mode !== 'host' && !opts.shared;
    if (keepSysctls) {
      linux.sysctl = { ...NETNS_SYSCTLS, ...linux.sysctl };
    } else if (linux.sysctl) {
      for (const k of Object.keys(NETNS_SYSCTLS)) delete linux.sysctl[k];
    }
  };
}
