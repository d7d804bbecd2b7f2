/**
 * A persisted command-line history (the TUI's REPL): one command per line in a private file under
 * the user's state directory, like a shell's history. It is client state, not engine state (a
 * remote engine has no place for it), so it lives here rather than behind the Engine interface.
 */
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { homedir } from 'node:os';
import { writeFileAtomic } from './atomic.js';

export interface LineHistory {
  load(): Promise<string[]>;
  append(line: string): Promise<void>;
}

/** $BERTH_HISTORY_FILE, else $XDG_STATE_HOME/berth/shell_history, else ~/.local/state/berth/shell_history. */
export function historyPath(env: NodeJS.ProcessEnv): string {
  if (env.BERTH_HISTORY_FILE) return env.BERTH_HISTORY_FILE;
  const base = env.XDG_STATE_HOME || join(env.HOME || homedir(), '.local', 'state');
  return join(base, 'berth', 'shell_history');
}

/** File-backed history keeping the newest `max` lines; failures (read-only home) are not fatal. */
export function fileHistory(path: string, max = 1000): LineHistory {
  return {
    async load() {
      try {
        const lines = (await fsp.readFile(path, 'utf8')).split('\n').filter((l) => l.trim() !== '');
        return lines.slice(-max);
      } catch {
        return [];
      }
    },
    async append(line) {
      if (line.includes('\n') || line.trim() === '') return;
      try {
        await fsp.mkdir(join(path, '..'), { recursive: true, mode: 0o700 });
        await fsp.appendFile(path, line + '\n', { mode: 0o600 });
        // Trim occasionally, atomically, so the file never grows without bound.
        const st = await fsp.stat(path);
        if (st.size > max * 200) {
          const lines = (await fsp.readFile(path, 'utf8')).split('\n').filter((l) => l.trim() !== '');
          await writeFileAtomic(path, lines.slice(-max).join('\n') + '\n', 0o600);
        }
      } catch {
        /* history is a convenience; never fail a command over it */
      }
    },
  };
}
