/**
 * -t: runc allocates the container's own pty. consoleSize is set so the first read of the
 * window size inside is not 0x0 (docker's WithConsoleSize, only when a size is known).
 */
import type { SpecOpt } from './types.js';
import { ensureProcess } from './process.js';

export function withTty(size?: { rows: number; cols: number }): SpecOpt {
  return (s) => {
    const p = ensureProcess(s);
    p.terminal = true;
    if (size && (size.rows > 0 || size.cols > 0)) p.consoleSize = { height: size.rows, width: size.cols };
    else delete p.consoleSize;
  };
}
