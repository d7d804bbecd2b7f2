/**
 * The terminal around the TUI: alternate screen and hidden cursor while it runs, and exactly one
 * restore (main screen, cursor visible, echo back on) however it ends: q, ctrl-c twice, SIGTERM,
 * SIGHUP (the SSH session died: writes may fail, which is fine), or an exception.
 */
export const ENTER = '\x1b[?1049h\x1b[?25l\x1b[H\x1b[2J';
export const LEAVE = '\x1b[?25h\x1b[?1049l';

export interface ScreenStreams {
  stdout: NodeJS.WriteStream;
  stdin: NodeJS.ReadStream;
}

export interface Screen {
  restore(): void;
  readonly restored: boolean;
}

export function enterScreen({ stdout, stdin }: ScreenStreams): Screen {
  let restored = false;
  const write = (s: string) => {
    try { stdout.write(s); } catch { /* the terminal is gone (SIGHUP) */ }
  };
  // A hung-up terminal reports EIO on write; nothing is listening any more, so ignore it.
  const onError = () => undefined;
  stdout.on('error', onError);
  write(ENTER);
  const restore = () => {
    if (restored) return;
    restored = true;
    process.off('exit', restore);
    try { if (stdin.isTTY) stdin.setRawMode(false); } catch { /* closed */ }
    write(LEAVE);
    stdout.off('error', onError);
  };
  // Last resort if something exits the process without passing through restore.
  process.on('exit', restore);
  return { restore, get restored() { return restored; } };
}
