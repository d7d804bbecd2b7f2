/** Terminal plumbing hooks: raw key input (one listener for the whole app) and the screen size. */
import { useEffect, useRef, useState } from 'react';
import { useStdin, useStdout } from 'ink';

/**
 * Every key sequence, raw. One dispatcher reads all input (the keymap decides where it goes), and an
 * embedded terminal needs the exact bytes, which Ink's useInput does not give.
 */
export function useRawInput(handler: (raw: string) => void): void {
  const { setRawMode, internal_eventEmitter: emitter } = useStdin() as ReturnType<typeof useStdin> & { internal_eventEmitter: NodeJS.EventEmitter };
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => {
    setRawMode(true);
    const on = (raw: string) => latest.current(raw);
    emitter.on('input', on);
    return () => {
      emitter.off('input', on);
      setRawMode(false);
    };
  }, [emitter, setRawMode]);
}

/** columns × rows of the output, following SIGWINCH (Ink's stdout emits 'resize'). */
export function useTerminalSize(override?: { columns: number; rows: number }): { columns: number; rows: number } {
  const { stdout } = useStdout();
  const read = () => ({ columns: stdout.columns || 80, rows: stdout.rows || 24 });
  const [size, setSize] = useState(read);
  useEffect(() => {
    const on = () => setSize(read());
    stdout.on('resize', on);
    return () => { stdout.off('resize', on); };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [stdout]);
  return override ?? size;
}
