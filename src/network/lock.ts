/** One host-wide lock for the bridge, the leases and the nft maps (every state root shares them). */
import { join } from 'node:path';
import { withLock } from '../lib/lock.js';
import { STATE_DIR } from './config.js';

export function withNetLock<T>(fn: () => Promise<T>): Promise<T> {
  return withLock(join(STATE_DIR, 'lock'), fn, { timeoutMs: 60_000 });
}
