/**
 * conmon's control FIFO `<bundle>/ctl` takes lines `<type> <a> <b>\n`: type 1 = resize
 * (rows cols), type 2 = reopen the log file. conmon 2.1.6 (src/ctrl.c) forwards a resize line to
 * its internal `winsz` FIFO and applies TIOCSWINSZ from there, so `ctl` is the only one we write:
 * writing `winsz` too would resize twice. conmon holds both ends of `ctl` open (a dummy writer),
 * so a non-blocking open only fails (ENXIO/ENOENT) when the monitor is gone.
 * Before the pty exists (between create and the console hand-over) lines wait in the FIFO.
 */
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { EngineError, errnoCode, invalid } from '../../lib/errors.js';

const RESIZE = 1;
const REOPEN_LOGS = 2;

async function writeCtl(bundleDir: string, line: string): Promise<void> {
  let fh;
  try {
    fh = await open(join(bundleDir, 'ctl'), constants.O_WRONLY | constants.O_NONBLOCK);
  } catch (err) {
    const code = errnoCode(err);
    if (code === 'ENOENT' || code === 'ENXIO') {
      throw new EngineError('CONFLICT', 'container monitor is not running (no control fifo reader)', { cause: err });
    }
    throw err;
  }
  try {
    await fh.write(line);
  } finally {
    await fh.close();
  }
}

/** Resize the container's (or exec session's) pty to rows × cols. */
export async function resize(bundleDir: string, rows: number, cols: number): Promise<void> {
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows <= 0 || cols <= 0 || rows > 0xffff || cols > 0xffff) {
    throw invalid(`invalid terminal size ${rows}x${cols}`);
  }
  await writeCtl(bundleDir, `${RESIZE} ${rows} ${cols}\n`);
}

/**
 * Ask conmon to "reopen" its k8s-file log. In 2.1.6 that means a fresh empty file renamed over
 * the old path (reopen_k8s_file opens `<log>.tmp` with O_TRUNC): the old content is discarded.
 */
export async function reopenLogs(bundleDir: string): Promise<void> {
  await writeCtl(bundleDir, `${REOPEN_LOGS} 0 0\n`);
}
