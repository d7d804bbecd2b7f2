/**
 * Whether a monitor or exit-command process still lives. A zombie counts as gone: a killed conmon
 * stays a zombie until its new parent (init, maybe slow to reap) collects it, and kill(pid, 0)
 * alone would call it alive.
 */
import { readFileSync } from 'node:fs';

export function processAlive(pid: number | undefined): boolean {
  if (!pid) return false;
  let stat: string;
  try { stat = readFileSync(`/proc/${pid}/stat`, 'utf8'); } catch { return false; }
  // "pid (comm) S …": the state follows the last ")" (comm may contain spaces and parentheses)
  const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
  return state !== 'Z' && state !== 'X';
}
