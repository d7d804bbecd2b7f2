/**
 * Why a step missed the cache, in terms of its inputs: the first file whose checksum differs
 * from the last build of the same instruction on the same parent, the build arg that changed,
 * the instruction text, or the parent step itself. Looked up only on a miss.
 */
import type { CacheStore, CacheRecord } from './cache-store.js';

export interface MissInput {
  parent: string;
  kind: string;
  source: string;
  args?: string[];
  /** name → checksum of the files a COPY/ADD read. */
  files?: Map<string, string>;
}

const keyOf = (kv: string) => kv.slice(0, Math.max(0, kv.indexOf('=')) || kv.length);

function argChange(now: string[], before: string[]): string | undefined {
  const a = new Map(now.map((kv) => [keyOf(kv), kv]));
  const b = new Map(before.map((kv) => [keyOf(kv), kv]));
  for (const k of [...new Set([...a.keys(), ...b.keys()])].sort()) {
    if (!b.has(k)) return `build arg ${k} added`;
    if (!a.has(k)) return `build arg ${k} removed`;
    if (a.get(k) !== b.get(k)) return `build arg ${k} changed`;
  }
  return undefined;
}

function fileChange(now: Map<string, string>, before: Map<string, string>): string | undefined {
  for (const name of [...new Set([...now.keys(), ...before.keys()])].sort()) {
    if (!before.has(name)) return `file added: ${name}`;
    if (!now.has(name)) return `file removed: ${name}`;
    if (now.get(name) !== before.get(name)) return `file changed: ${name}`;
  }
  return undefined;
}

export async function explainMiss(store: CacheStore, input: MissInput): Promise<string> {
  const siblings = (await store.list()).filter((r) => r.parent === input.parent)
    .sort((a, b) => (a.created < b.created ? 1 : a.created > b.created ? -1 : 0));
  if (siblings.length === 0) return 'not built before on this parent';
  const same = siblings.find((r) => r.kind === input.kind && r.source === input.source);
  if (!same) {
    const previous = siblings.find((r) => r.kind === input.kind) ?? siblings[0]!;
    return `instruction changed (last built here: ${previous.source})`;
  }
  return (await sameInstruction(store, same, input)) ?? 'command changed';
}

async function sameInstruction(store: CacheStore, rec: CacheRecord, input: MissInput): Promise<string | undefined> {
  const args = argChange(input.args ?? [], rec.args ?? []);
  if (args) return args;
  if (input.files && rec.files) {
    const before = await store.files(rec.key);
    if (before) return fileChange(input.files, new Map(before));
  }
  return undefined;
}
