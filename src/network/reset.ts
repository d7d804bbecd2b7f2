/**
 * `system reset`'s network part: leases of this state root go; the bridge and the nft table go too
 * unless a container of another state root still uses them (they are host-wide).
 */
import { promises as fsp } from 'node:fs';
import { STATE_DIR } from './config.js';
import { reclaimStale, releaseLease } from './leases.js';
import { removeHostInterface } from './attach.js';
import { bridgeExists, removeBridge } from './bridge.js';
import { withNetLock } from './lock.js';

export interface NetworkResetResult {
  bridgeRemoved: boolean;
  /** State roots whose running containers keep the bridge. */
  keptFor: string[];
}

export async function resetNetwork(root: string): Promise<NetworkResetResult> {
  for (const l of await reclaimStale()) {
    if (l.root !== root) continue;
    await releaseLease(l.id);
    await removeHostInterface(l.id);
  }
  return withNetLock(async () => {
    const others = [...new Set((await reclaimStale()).map((l) => l.root))];
    if (others.length) return { bridgeRemoved: false, keptFor: others };
    const had = bridgeExists();
    await removeBridge();
    await fsp.rm(`${STATE_DIR}/leases`, { recursive: true, force: true });
    await fsp.rm(`${STATE_DIR}/last-ip`, { force: true });
    return { bridgeRemoved: had, keptFor: [] };
  });
}
