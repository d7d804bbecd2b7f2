/** Shared imports and helpers for the runtime-spec unit tests. */
import { isEngineError } from '../../../src/lib/errors.js';
import type { RuntimeSpec } from '../../../src/runtime/spec/index.js';

export * from '../../../src/runtime/spec/index.js';

/** A spec with nothing in it: options must work on it alone. */
export const bareSpec = (): RuntimeSpec => ({ ociVersion: '1.0.2' });

/** The EngineError code a call throws, or undefined. */
export function isEngineErrorCode(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return isEngineError(err) ? err.code : 'not-an-engine-error';
  }
  return undefined;
}
