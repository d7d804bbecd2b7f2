/**
 * Wait until no process runs with `root` in its arguments: conmon's exit commands (`berth
 * container cleanup ID`) may start after a container is gone and write under the root, so a
 * test removing its root first would leave a stray directory behind.
 */
import { readdirSync, readFileSync } from 'node:fs';

export async function settle(root: string, timeoutMs = 10_000): Promise<void> {
  const needle = Buffer.from(root);
  const busy = () => readdirSync('/proc').filter((p) => /^\d+$/.test(p) && Number(p) !== process.pid).some((p) => {
    try { return readFileSync(`/proc/${p}/cmdline`).includes(needle); } catch { return false; }
  });
  for (const end = Date.now() + timeoutMs; busy() && Date.now() < end;) await new Promise((r) => setTimeout(r, 50));
}
