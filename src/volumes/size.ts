/** Bytes in a directory tree as dockerd's directory.Size counts them: non-directories, hardlinks once. */
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';

export async function dirSize(dir: string): Promise<number> {
  const seen = new Set<string>();
  let total = 0;
  const walk = async (d: string): Promise<void> => {
    let entries;
    try { entries = await fsp.readdir(d, { withFileTypes: true }); } catch { return; }
    for (const e of entries) {
      const p = join(d, e.name);
      if (e.isDirectory()) { await walk(p); continue; }
      const st = await fsp.lstat(p, { bigint: true }).catch(() => undefined);
      if (!st) continue;
      if (st.nlink > 1n) {
        const key = `${st.dev}:${st.ino}`;
        if (seen.has(key)) continue;
        seen.add(key);
      }
      total += Number(st.size);
    }
  };
  await walk(dir);
  return total;
}
