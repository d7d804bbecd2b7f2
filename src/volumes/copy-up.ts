/**
 * Copy-up: an empty volume mounted over a path the image has content at is first filled with that
 * content (dockerd's copyExistingContents), ownership, modes, times, symlinks, hardlinks and xattrs
 * kept. `cp -a` does exactly that and never follows a link inside the tree; the source is the
 * container's rootfs (image plus its own changes) resolved in-root by the caller.
 */
import { execFile } from 'node:child_process';
import { promises as fsp } from 'node:fs';
import { promisify } from 'node:util';
import { internal } from '../lib/errors.js';
import { withLock } from '../lib/lock.js';

const run = promisify(execFile);

async function isEmptyDir(dir: string): Promise<boolean> {
  return (await fsp.readdir(dir)).length === 0;
}

/**
 * Fill `dataDir` from `source` when `source` is a directory and `dataDir` is empty; true if copied.
 * The lock keeps two containers starting on one new volume from copying into it at once.
 */
export async function copyUp(source: string, dataDir: string, lockPath: string): Promise<boolean> {
  const st = await fsp.stat(source).catch(() => undefined);
  if (!st?.isDirectory()) return false;
  return withLock(lockPath, async () => {
    if (!(await isEmptyDir(dataDir))) return false;
    try {
      await run('cp', ['-a', '--', `${source}/.`, `${dataDir}/`], { maxBuffer: 1 << 20 });
    } catch (err) {
      throw internal(`copying image content into volume: ${((err as { stderr?: string }).stderr ?? String(err)).trim()}`, err);
    }
    return true;
  });
}
