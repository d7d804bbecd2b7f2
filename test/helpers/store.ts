/**
 * Test helpers over a real on-disk image store: a throwaway state root wired like
 * createEngine does, and integrity checks other suites reuse.
 */
import { createHash } from 'node:crypto';
import { createReadStream, promises as fsp } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { FsContentStore } from '../../src/store/content/fs-content-store.js';
import { MetaStore } from '../../src/store/metadata/meta-store.js';
import { Snapshotter } from '../../src/store/snapshot/snapshotter.js';
import { EventsLog } from '../../src/store/events/events-log.js';
import { ImageStore } from '../../src/image/image-store.js';

export interface TempStore {
  root: string;
  store: ImageStore;
  cleanup(): Promise<void>;
}

export async function makeTempStore(prefix = 'berth-test-'): Promise<TempStore> {
  const root = await fsp.mkdtemp(join(tmpdir(), prefix));
  await fsp.chmod(root, 0o700);
  const store = new ImageStore({
    content: new FsContentStore(root),
    meta: new MetaStore(root),
    snapshots: new Snapshotter(root),
    events: new EventsLog(root),
  });
  return { root, store, cleanup: () => fsp.rm(root, { recursive: true, force: true }) };
}

export async function sha256File(path: string): Promise<string> {
  const h = createHash('sha256');
  for await (const c of createReadStream(path)) h.update(c as Buffer);
  return h.digest('hex');
}

/** Every file under <root>/blobs/sha256 hashes to its own name (and nothing else lives there). */
export async function assertBlobsValid(root: string): Promise<number> {
  const dir = join(root, 'blobs', 'sha256');
  let names: string[];
  try { names = await fsp.readdir(dir); } catch { return 0; }
  for (const n of names) {
    expect(n, `unexpected file in blobs/sha256: ${n}`).toMatch(/^[a-f0-9]{64}$/);
    expect(await sha256File(join(dir, n)), `blob ${n} does not hash to its name`).toBe(n);
  }
  return names.length;
}

/** Names of all blobs in the store (hex), sorted. */
export async function listBlobs(root: string): Promise<string[]> {
  try { return (await fsp.readdir(join(root, 'blobs', 'sha256'))).sort(); } catch { return []; }
}
