/** process.args: the final argv (entrypoint + cmd already combined by the caller). */
import { invalid } from '../../lib/errors.js';
import type { SpecOpt } from './types.js';
import { ensureProcess } from './process.js';

export function withArgs(argv: readonly string[]): SpecOpt {
  // dockerd refuses a container with neither Entrypoint nor Cmd with this message.
  if (argv.length === 0) throw invalid('No command specified');
  return (s) => {
    ensureProcess(s).args = [...argv];
  };
}
