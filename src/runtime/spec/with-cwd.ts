/** process.cwd from the image WorkingDir or -w; empty means "/" as in dockerd. */
import { posix } from 'node:path';
import { invalid } from '../../lib/errors.js';
import type { SpecOpt } from './types.js';
import { ensureProcess } from './process.js';

export function withCwd(cwd: string | undefined): SpecOpt {
  const dir = cwd || '/';
  if (!posix.isAbsolute(dir)) {
    throw invalid(`the working directory '${dir}' is invalid, it needs to be an absolute path`);
  }
  // dockerd stores filepath.Clean(WorkingDir); runc would accept the uncleaned form too.
  const clean = posix.normalize(dir).replace(/(.)\/+$/, '$1');
  return (s) => {
    ensureProcess(s).cwd = clean;
  };
}
