/**
 * Tab completion for the REPL line: verbs, groups and flags come from the CLI's command table
 * (through CommandSupport); container, image and volume names from the lists the TUI already has.
 */
import type { CommandSupport } from '../launch.js';
import { quoteWord, splitWords } from './shell-words.js';

export interface CompletionNames {
  containers: string[];
  images: string[];
  volumes: string[];
}

export interface Completion {
  line: string;
  /** Shown to the user when there is more than one. */
  candidates: string[];
}

function commonPrefix(words: string[]): string {
  if (words.length === 0) return '';
  let p = words[0]!;
  for (const w of words) while (!w.startsWith(p)) p = p.slice(0, -1);
  return p;
}

export function positionalCandidates(line: string, support: CommandSupport, names: CompletionNames): string[] {
  const head = line.replace(/\S*$/, '');
  const words = splitWords(head).words;
  if (words.length === 0) return [];
  const d = support.describe(words);
  if (d.kind !== 'command') return [];
  if (d.complete === 'container') return names.containers;
  if (d.complete === 'image') return names.images;
  if (d.complete === 'volume') return names.volumes;
  return [];
}

export function completeLine(line: string, support: CommandSupport, names: CompletionNames): Completion {
  const current = /\s$/.test(line) ? '' : /\S*$/.exec(line)![0];
  let candidates = support.complete(line);
  if (candidates.length === 0 && !current.startsWith('-')) {
    candidates = [...new Set(positionalCandidates(line, support, names))].filter((c) => c.startsWith(current)).sort();
  }
  if (candidates.length === 0) return { line, candidates: [] };
  const head = line.slice(0, line.length - current.length);
  if (candidates.length === 1) return { line: head + quoteWord(candidates[0]!) + ' ', candidates: [] };
  const prefix = commonPrefix(candidates);
  return { line: prefix.length > current.length ? head + prefix : line, candidates };
}
