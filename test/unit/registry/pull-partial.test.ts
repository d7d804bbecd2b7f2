/** Digest-keyed partial downloads: kept on release, resumed by the next writer, locked, swept when stale. */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ImageStore } from '../../../src/image/image-store.js';
import { PARTIAL_TTL_MS, openPartial, partialDir, removeStalePartials } from '../../../src/image/pull-partial.js';
import type { Digest } from '../../../src/oci/digest.js';
import { FsContentStore } from '../../../src/store/content/fs-content-store.js';
import { EventsLog } from '../../../src/store/events/events-log.js';
import { MetaStore } from '../../../src/store/metadata/meta-store.js';
import { Snapshotter } from '../../../src/store/snapshot/snapshotter.js';

const data = randomBytes(300_000);
const desc = { digest: `sha256:${createHash('sha256').update(data).digest('hex')}` as Digest, size: data.length };

async function readAll(s: NodeJS.ReadableStream): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of s) parts.push(c as Buffer);
  return Buffer.concat(parts);
}

describe('pull partials', () => {
  let root: string;
  let store: ImageStore;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'berth-partial-'));
    store = new ImageStore({ content: new FsContentStore(root), meta: new MetaStore(root), snapshots: new Snapshotter(root), events: new EventsLog(root) });
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('keeps released bytes for the next writer, which resumes and commits the blob', async () => {
    const a = (await openPartial(store, desc))!;
    expect(a.resumedFrom).toBe(0);
    await a.write(data.subarray(0, 100_000));
    await a.release();
    const b = (await openPartial(store, desc))!;
    expect(b.resumedFrom).toBe(100_000);
    expect((await readAll(b.existing())).equals(data.subarray(0, 100_000))).toBe(true);
    await b.write(data.subarray(100_000));
    await b.commit({ digest: desc.digest, size: desc.size });
    expect((await store.content.readBlob(desc.digest)).equals(data)).toBe(true);
    expect(existsSync(partialDir(store, desc.digest))).toBe(false);
  });

  it('is held by one writer at a time; abort removes it', async () => {
    const a = (await openPartial(store, desc))!;
    expect(await openPartial(store, desc)).toBeUndefined();
    await a.write(data.subarray(0, 10));
    await a.abort();
    const b = (await openPartial(store, desc))!;
    expect(b.resumedFrom).toBe(0);
    await b.release();
  });

  it('a size mismatch at commit is DATA_LOSS and drops the partial', async () => {
    const a = (await openPartial(store, desc))!;
    await a.write(data.subarray(0, 10));
    await expect(a.commit({ size: desc.size })).rejects.toMatchObject({ code: 'DATA_LOSS' });
    expect(existsSync(partialDir(store, desc.digest))).toBe(false);
  });

  it('GC sweep: fresh and held partials stay, stale unheld ones go', async () => {
    const a = (await openPartial(store, desc))!;
    await a.write(data.subarray(0, 10));
    await a.release();
    expect(await removeStalePartials(store)).toBe(0);
    const old = new Date(Date.now() - PARTIAL_TTL_MS - 60_000);
    utimesSync(join(partialDir(store, desc.digest), 'data'), old, old);
    const held = (await openPartial(store, desc))!;
    expect(await removeStalePartials(store)).toBe(0);
    await held.release();
    expect(await removeStalePartials(store)).toBe(1);
    expect(existsSync(partialDir(store, desc.digest))).toBe(false);
  });
});
