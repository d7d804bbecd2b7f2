/** Raw mode and resize tracking for interactive sessions (run -it, attach, exec -it, start -ai). */
import type { CommandIO } from '../command.js';
import { getTermios, restoreTermios, setOutputProcessing } from '../../lib/native.js';

type TtyIn = NodeJS.ReadStream & { setRawMode?: (raw: boolean) => unknown; isRaw?: boolean; fd?: number };

/** Put stdin in raw mode (keys go to the container's pty, ctrl-c included); returns the restore function. */
export function rawMode(io: CommandIO): () => void {
  const stdin = io.stdin as TtyIn;
  if (!stdin.isTTY || !stdin.setRawMode) return () => undefined;
  const was = stdin.isRaw === true;
  const termios = typeof stdin.fd === 'number' ? getTermios(stdin.fd) : undefined;
  stdin.setRawMode(true);
  // like docker's MakeRaw, also stop the terminal turning the container's "\r\n" into "\r\r\n"
  if (typeof stdin.fd === 'number') setOutputProcessing(stdin.fd, false);
  return () => {
    try { stdin.setRawMode!(was); } catch { /* stdin already closed */ }
    if (termios && typeof stdin.fd === 'number') restoreTermios(stdin.fd, termios);
  };
}

/** Call `fn(rows, cols)` now and on every SIGWINCH; returns the unsubscribe function. */
export function onResize(io: CommandIO, fn: (rows: number, cols: number) => void): () => void {
  const out = io.stdout as NodeJS.WriteStream;
  if (!out.isTTY) return () => undefined;
  const send = () => { if (out.rows && out.columns) fn(out.rows, out.columns); };
  send();
  out.on('resize', send);
  return () => out.off('resize', send);
}
