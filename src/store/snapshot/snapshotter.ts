/**
 * Unpacked layers as overlayfs lower directories: snapshots/<chainID hex>/fs, one per chain ID,
 * shared by every image with the same chain. A snapshot is prepared in a staging directory and
 * published by one rename, so a half-extracted layer is never visible under its chain ID.
 */
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { type Digest, hexOf } from '../../oci/digest.js';
import { errnoCode } from '../../lib/errors.js';
import { processAlive } from '../../lib/process-alive.js';
import { fsyncDir, readJsonIfExists, writeJsonAtomic } from '../../lib/atomic.js';

export interface SnapshotInfo {
  chainId: Digest;
  parent: Digest | '';
  diffId: Digest;
  /** Bytes of file content in this layer (du-like), shown as image and layer sizes. */
  size: number;
  created: string;
}

export interface Staging {
  dir: string;
  /** Extract the layer here. */
  fs: string;
}

export class Snapshotter {
  private readonly dir: string;
  private readonly stagingDir: string;

  constructor(root: string) {
    this.dir = join(root, 'snapshots');
    this.stagingDir = join(root, 'snapshots', '.staging');
  }

  /** The directory to use as an overlay lowerdir. */
  fsPath(chainId: Digest): string {
    return join(this.dir, hexOf(chainId), 'fs');
  }

  async info(chainId: Digest): Promise<SnapshotInfo | undefined> {
    return readJsonIfExists<SnapshotInfo>(join(this.dir, hexOf(chainId), 'info.json'));
  }

  async exists(chainId: Digest): Promise<boolean> {
    return (await this.info(chainId)) !== undefined;
  }

  async prepare(): Promise<Staging> {
    const dir = join(this.stagingDir, `${process.pid}-${randomBytes(6).toString('hex')}`);
    await fsp.mkdir(join(dir, 'fs'), { recursive: true, mode: 0o700 });
    await fsp.chmod(join(dir, 'fs'), 0o755);
    return { dir, fs: join(dir, 'fs') };
  }

  /** Publish a prepared snapshot under its chain ID. If another writer won the race, ours is dropped. */
  async commit(staging: Staging, info: SnapshotInfo): Promise<void> {
    await writeJsonAtomic(join(staging.dir, 'info.json'), info);
    const target = join(this.dir, hexOf(info.chainId));
    try {
      await fsp.rename(staging.dir, target);
      await fsyncDir(this.dir);
    } catch (err) {
      const code = errnoCode(err);
      if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw err;
      await this.discard(staging);
    }
  }

  async discard(staging: Staging): Promise<void> {
    await fsp.rm(staging.dir, { recursive: true, force: true });
  }

  async list(): Promise<SnapshotInfo[]> {
    let names: string[];
    try { names = await fsp.readdir(this.dir); } catch { return []; }
    const infos = await Promise.all(names.filter((n) => /^[a-f0-9]{64}$/.test(n))
      .map((n) => readJsonIfExists<SnapshotInfo>(join(this.dir, n, 'info.json')).catch(() => undefined)));
    return infos.filter((i): i is SnapshotInfo => i !== undefined);
  }

  /**
   * Remove a snapshot: first rename it out of its chain-ID name (so it stops being visible at once),
   * then delete the tree.
   */
  async remove(chainId: Digest): Promise<void> {
    const src = join(this.dir, hexOf(chainId));
    const trash = join(this.stagingDir, `rm-${process.pid}-${randomBytes(6).toString('hex')}`);
    await fsp.mkdir(this.stagingDir, { recursive: true });
    try {
      await fsp.rename(src, trash);
    } catch (err) {
      if (errnoCode(err) === 'ENOENT') return;
      throw err;
    }
    await fsp.rm(trash, { recursive: true, force: true });
  }

  /** Staging directories whose owner process is gone (crash leftovers). */
  async staleStaging(): Promise<string[]> {
    let names: string[];
    try { names = await fsp.readdir(this.stagingDir); } catch { return []; }
    return names.filter((n) => !processAlive(Number(/^(?:rm-)?(\d+)-/.exec(n)?.[1] ?? 0))).map((n) => join(this.stagingDir, n));
  }
}
