/** OCI annotations (runc exposes them in `runc state`; hooks and tooling read them). */
import type { SpecOpt } from './types.js';

export function withAnnotations(annotations: Record<string, string>): SpecOpt {
  return (s) => {
    s.annotations = { ...s.annotations, ...annotations };
  };
}
