/**
 * A real terminal for TUI end-to-end tests: a detached tmux session whose screen the test reads
 * (capture-pane) and types into (send-keys). One session per test file, killed in afterAll.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/**
 * A tmux server of this test process's own (-L): test files run in parallel, and the default
 * server exits when one file kills its last session while another file is starting one.
 */
export const TMUX_SOCKET = `berth-test-${process.pid}`;
export const tmux = (...args: string[]): string => execFileSync('tmux', ['-L', TMUX_SOCKET, ...args], { encoding: 'utf8' });

/** Single-quote for the shell line tmux runs. */
export const sh = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

export interface TmuxSession {
  name: string;
  screen(): string;
  /** Poll the screen until `pred` holds; the error shows the last screen. */
  waitScreen(pred: (s: string) => boolean, what: string, timeoutMs?: number): Promise<string>;
  kill(): void;
}

export function tmuxSession(prefix: string): TmuxSession {
  const name = `${prefix}-${process.pid}`;
  const screen = () => tmux('capture-pane', '-p', '-t', name);
  return {
    name,
    screen,
    async waitScreen(pred, what, timeoutMs = 30_000) {
      const end = Date.now() + timeoutMs;
      let last = '';
      while (Date.now() < end) {
        last = screen();
        if (pred(last)) return last;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`timed out waiting for ${what}; screen:\n${last}`);
    },
    kill() { try { tmux('kill-session', '-t', name); } catch { /* already gone */ } },
  };
}

/** conmon's exit command opens the root again after `rm -f`: wait until no process names `dir`. */
export async function waitUnused(dir: string, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    const busy = readdirSync('/proc').filter((p) => /^\d+$/.test(p)).some((p) => {
      try { return readFileSync(`/proc/${p}/cmdline`, 'utf8').includes(dir); } catch { return false; }
    });
    if (!busy) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}
