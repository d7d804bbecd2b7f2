/**
 * The pty seam. node-pty is the one place the TUI starts a process, and it only ever starts
 * berth itself (`berth attach`, `berth exec -it`, any REPL command), so the CLI stays the single
 * implementation of every verb. Tests pass a fake Spawner.
 */
export interface Disposable {
  dispose(): void;
}

export interface Pty {
  readonly pid: number;
  onData(cb: (data: string) => void): Disposable;
  onExit(cb: (e: { exitCode: number; signal?: number }) => void): Disposable;
  write(data: string): void;
  resize(cols: number, rows: number): void;
  kill(signal?: string): void;
}

export interface SpawnOptions {
  cols: number;
  rows: number;
  env: NodeJS.ProcessEnv;
}

export type Spawner = (file: string, args: string[], opts: SpawnOptions) => Pty;

/** node-pty, loaded on first use so the TUI's first frame does not wait for a native module. */
export async function nodePtySpawner(): Promise<Spawner> {
  const pty = (await import('node-pty')).default;
  return (file, args, opts) => pty.spawn(file, args, {
    name: 'xterm-256color', cols: opts.cols, rows: opts.rows, env: opts.env as Record<string, string>, cwd: process.cwd(),
  });
}
