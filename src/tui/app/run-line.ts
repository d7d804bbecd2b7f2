/**
 * Runs a REPL line: resolved by the CLI's own command table (CommandSupport), then executed by
 * berth itself in a session tab, so the REPL is exactly the CLI. Verbs berth does not have yet
 * answer "not supported yet"; read-only mode lets only read verbs through.
 */
import type { CommandSupport } from '../launch.js';
import { splitWords } from '../repl/shell-words.js';

/** Verbs that change nothing; the only ones the REPL runs in read-only mode. */
export const READ_ONLY_VERBS = new Set([
  'ps', 'container ls', 'container ps', 'container list', 'images', 'image ls', 'image list', 'inspect', 'container inspect',
  'image inspect', 'logs', 'container logs', 'history', 'image history', 'version', 'info', 'system info', 'system df',
  'events', 'system events', 'top', 'container top', 'stats', 'container stats', 'port', 'container port', 'diff',
  'container diff', 'volume ls', 'volume list', 'volume inspect', 'wait', 'container wait',
]);

export interface RunLineDeps {
  commands: CommandSupport;
  readOnly: boolean;
  notify(text: string, level?: 'info' | 'warning' | 'error' | 'success'): void;
  quit(): void;
  startSession(args: string[], title: string, interactive: boolean, popOut?: boolean): void;
  /** pull, push, login and build run in-process (tasks/repl-tasks.ts); false lets the CLI run it. */
  inProcess?(words: string[], line: string): boolean;
}

export function runLine(input: string, deps: RunLineDeps): void {
  // `!exec -it web sh`: the same command, popped out to the whole terminal from the start.
  const popOut = input.trim().startsWith('!');
  const line = popOut ? input.trim().slice(1) : input;
  const { words, error } = splitWords(line.trim());
  if (error) return deps.notify(error, 'error');
  // `berth ps` and `docker ps` mean `ps` here.
  if (words[0] === 'berth' || words[0] === 'docker') words.shift();
  if (words.length === 0) return;
  if (words.length === 1 && ['q', 'quit', 'exit'].includes(words[0]!)) return deps.quit();
  const d = deps.commands.describe(words);
  if (d.kind === 'unknown') return deps.notify(`${d.name}: not supported yet (${d.message})`, 'warning');
  if (deps.readOnly && !(d.kind === 'command' && READ_ONLY_VERBS.has(d.path.join(' ')))) {
    return deps.notify('read-only mode: only commands that change nothing run here', 'warning');
  }
  if (!popOut && d.kind === 'command' && deps.inProcess?.(words, line.trim())) return;
  deps.startSession(words, line.trim(), popOut || (d.kind === 'command' && d.interactive), popOut);
}
