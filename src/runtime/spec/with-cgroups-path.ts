/**
 * linux.cgroupsPath. With runc's cgroupfs driver an absolute path ("/berth/<id>") is taken
 * relative to each controller's root; dockerd uses "/docker/<id>".
 */
import { invalid } from '../../lib/errors.js';
import type { SpecOpt } from './types.js';
import { ensureLinux } from './process.js';

export function withCgroupsPath(path: string): SpecOpt {
  if (!path) throw invalid('cgroups path must not be empty');
  return (s) => {
    ensureLinux(s).cgroupsPath = path;
  };
}
