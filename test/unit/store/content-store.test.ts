import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { FsContentStore } from '../../../src/store/content/fs-content-store.js';
import { MemoryContentStore } from '../../../src/store/content/memory-content-store.js';
import { contentStoreSuite } from './content-store.suite.js';

const roots: string[] = [];
const tmpRoot = () => { const r = mkdtempSync(join(tmpdir(), 'berth-cs-')); roots.push(r); return r; };
afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

contentStoreSuite('fs', async () => new FsContentStore(tmpRoot()));
contentStoreSuite('memory', async () => new MemoryContentStore());

it('fs store leaves no ingest behind after commit or abort', async () => {
  const root = tmpRoot();
  const s = new FsContentStore(root);
  await s.writeBlob(Buffer.from('x'));
  const w = await s.writer();
  await w.write(Buffer.from('partial'));
  // a reader never sees the partial write under blobs/
  expect(readdirSync(join(root, 'blobs', 'sha256'))).toHaveLength(1);
  await w.abort();
  expect(readdirSync(join(root, 'ingest'))).toEqual([]);
});

it('fs store publishes a blob by rename: the file under its digest is the fsynced ingest file itself, never a copy in progress', async () => {
  const root = tmpRoot();
  const s = new FsContentStore(root);
  const w = await s.writer();
  await w.write(Buffer.alloc(1 << 20, 7));
  const [dir] = readdirSync(join(root, 'ingest'));
  const ingestIno = statSync(join(root, 'ingest', dir!, 'data')).ino;
  const { digest } = await w.commit();
  // a copy (or a write straight to the final name) would give the published blob another inode and
  // leave a window where a reader sees a torn file under a valid digest name
  expect(statSync(join(root, 'blobs', 'sha256', digest.slice('sha256:'.length))).ino).toBe(ingestIno);
});
