/**
 * The project bridge, created on first use and left in place (like docker0); `berth system reset`
 * removes it once no container of any state root uses it. Creation is idempotent under the network
 * lock; a later start only checks that the link and the ready marker exist (no process spawned).
 */
import { existsSync, promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { conflict } from '../lib/errors.js';
import { BRIDGE, GATEWAY, MTU, PREFIX_LEN, STATE_DIR, SUBNET } from './config.js';
import { runCmd } from './run-cmd.js';
import { deleteTable, ensureTable } from './nft.js';
import { withNetLock } from './lock.js';

const READY = join(STATE_DIR, 'bridge-ready');

export const bridgeExists = () => existsSync(`/sys/class/net/${BRIDGE}`);

export async function ensureBridge(): Promise<void> {
  if (bridgeExists() && existsSync(READY)) return;
  await withNetLock(async () => {
    if (bridgeExists() && existsSync(READY)) return;
    if (!bridgeExists()) {
      await checkSubnetFree();
      await runCmd('ip', ['link', 'add', BRIDGE, 'type', 'bridge']);
    }
    await runCmd('ip', ['-batch', '-'], `addr replace ${GATEWAY}/${PREFIX_LEN} dev ${BRIDGE}\nlink set ${BRIDGE} mtu ${MTU} up\n`);
    // DNAT of 127.0.0.1 to a bridge address needs route_localnet on the bridge (the nft guard
    // keeps containers from using it the other way); forwarding for the subnet's outbound traffic
    await fsp.writeFile(`/proc/sys/net/ipv4/conf/${BRIDGE}/route_localnet`, '1');
    await fsp.writeFile('/proc/sys/net/ipv4/ip_forward', '1');
    await ensureTable();
    await fsp.mkdir(STATE_DIR, { recursive: true, mode: 0o700 });
    await fsp.writeFile(READY, `${SUBNET}\n`);
  });
}

/** Refuse a subnet some other interface already routes (a VPN, a LAN): clashing routes break both. */
async function checkSubnetFree(): Promise<void> {
  const routes = await runCmd('ip', ['-4', '-o', 'route', 'show', 'table', 'all']);
  const clash = routes.split('\n').find((l) => l.startsWith(`${SUBNET} `) && !l.includes(`dev ${BRIDGE} `));
  if (clash) throw conflict(`berth: the bridge subnet ${SUBNET} is already routed on this host (${clash.trim()}); bridge networking is unavailable`);
}

/** Remove the bridge, the nft table and the ready marker (system reset, no lease left). */
export async function removeBridge(): Promise<void> {
  await fsp.rm(READY, { force: true });
  await deleteTable();
  if (bridgeExists()) await runCmd('ip', ['link', 'del', BRIDGE]);
}
