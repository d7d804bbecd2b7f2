/**
 * Cross-process locks with flock(2): released by the kernel when the holder dies (kill -9 safe).
 * Waits are bounded: a lock not obtained within `timeoutMs` is an UNAVAILABLE error, never a hang.
 * Within one process, a per-path promise chain serialises callers (flock is per open file).
 */
import { openSync, closeSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { flock, LOCK_EX, LOCK_NB, LOCK_SH, LOCK_UN } from './native.js';
import { EngineError } from './errors.js';
import { AsyncLocalStorage } from 'node:async_hooks';

const chains = new Map<string, Promise<unknown>>();
/** Locks held by the current async call chain, so nested withLock calls do not deadlock. */
const held = new AsyncLocalStorage<ReadonlySet<string>>();

export interface LockOptions {
  shared?: boolean;
  /** @default 60000 */
  timeoutMs?: number;
}

async function acquire(path: string, opts: LockOptions): Promise<number> {
  mkdirSync(dirname(path), { recursive: true });
  const fd = openSync(path, 'a+', 0o600);
  const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
  let delay = 1;
  for (;;) {
    if (flock(fd, (opts.shared ? LOCK_SH : LOCK_EX) | LOCK_NB)) return fd;
    if (Date.now() > deadline) {
      closeSync(fd);
      throw new EngineError('UNAVAILABLE', `timed out waiting for lock ${path}`);
    }
    await new Promise((r) => setTimeout(r, delay));
    delay = Math.min(delay * 2, 50);
  }
}

/** Run fn while holding the lock at `path`. Re-entrant within one async chain of this process. */
export async function withLock<T>(path: string, fn: () => Promise<T>, opts: LockOptions = {}): Promise<T> {
  const mineHeld = held.getStore();
  if (mineHeld?.has(path)) return fn(); // re-entrant: this call chain already holds it
  const prev = chains.get(path) ?? Promise.resolve();
  let release!: () => void;
  const mine = new Promise<void>((r) => (release = r));
  const chain = prev.then(() => mine);
  chains.set(path, chain);
  await prev.catch(() => undefined);
  let fd = -1;
  try {
    fd = await acquire(path, opts);
    return await held.run(new Set([...(mineHeld ?? []), path]), fn);
  } finally {
    if (fd >= 0) {
      flock(fd, LOCK_UN);
      closeSync(fd);
    }
    release();
    if (chains.get(path) === chain) chains.delete(path);
  }
}
