/** root.path: absolute, or relative to the bundle directory (runc resolves it from there). */
import { invalid } from '../../lib/errors.js';
import type { SpecOpt } from './types.js';

export function withRootfs(path: string, readonly?: boolean): SpecOpt {
  if (!path) throw invalid('rootfs path must not be empty');
  return (s) => {
    s.root = { path, readonly: readonly ?? s.root?.readonly ?? false };
  };
}
