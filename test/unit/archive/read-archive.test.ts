import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readArchive } from '../../../src/image/archive/read-archive.js';
import { type Digest, hexOf, sha256 } from '../../../src/oci/digest.js';
import { EngineError } from '../../../src/lib/errors.js';
import { buildTar } from '../../helpers/archive-tar.js';
import { type TempStore, assertBlobsValid, listBlobs, makeTempStore } from '../../helpers/store.js';

let t: TempStore;
beforeEach(async () => { t = await makeTempStore(); });
afterEach(async () => { await t.cleanup(); });

async function read(buf: Buffer | Readable) {
  const lease = await t.store.takeLease([]);
  const created = new Set<Digest>();
  const src = Buffer.isBuffer(buf) ? Readable.from([buf]) : buf;
  const contents = await readArchive(src, { store: t.store, lease, created });
  return { contents, created, lease };
}

describe('readArchive', () => {
  const layer = Buffer.from('not really a tar, but a blob');
  const d = sha256(layer);

  it('ingests blobs, keeps metadata in memory and records links', async () => {
    const archive = await buildTar([
      { name: 'blobs/', type: 'directory' },
      { name: `blobs/sha256/${hexOf(d)}`, data: layer },
      { name: 'abc/layer.tar', type: 'symlink', linkname: `../blobs/sha256/${hexOf(d)}` },
      { name: 'abc/json', data: '{}' },
      { name: 'manifest.json', data: '[]' },
    ]);
    const { contents, created, lease } = await read(archive);
    expect(contents.files.get(`blobs/sha256/${hexOf(d)}`)).toMatchObject({ digest: d, size: layer.length, compression: 'none' });
    expect(contents.links.get('abc/layer.tar')).toBe(`blobs/sha256/${hexOf(d)}`);
    expect(contents.json.get('manifest.json')!.toString()).toBe('[]');
    expect(contents.files.has('abc/json')).toBe(false);
    expect([...created]).toEqual([d]);
    expect((await t.store.meta.leases.get(lease.id))!.blobs).toContain(d);
    expect(await listBlobs(t.root)).toEqual([hexOf(d)]);
  });

  it('reads a gzip-compressed outer tar', async () => {
    const archive = await buildTar([{ name: 'x.tar', data: gzipSync(layer) }], { gzip: true });
    const { contents } = await read(archive);
    expect(contents.files.get('x.tar')!.compression).toBe('gzip');
  });

  it('refuses a blob that does not hash to its name', async () => {
    const wrong = sha256('something else');
    const archive = await buildTar([{ name: `blobs/sha256/${hexOf(wrong)}`, data: layer }]);
    await expect(read(archive)).rejects.toMatchObject({
      code: 'DATA_LOSS', message: `invalid archive: blob blobs/sha256/${hexOf(wrong)} does not match its digest`,
    });
    expect(await listBlobs(t.root)).toEqual([]);
  });

  it('reports a truncated tar as DATA_LOSS', async () => {
    const archive = await buildTar([{ name: 'big', data: Buffer.alloc(100_000, 7) }]);
    await expect(read(archive.subarray(0, 50_000))).rejects.toMatchObject({ code: 'DATA_LOSS' });
    await assertBlobsValid(t.root);
  });

  it('reports corrupt and truncated gzip as DATA_LOSS', async () => {
    const gz = await buildTar([{ name: 'big', data: Buffer.alloc(100_000, 7) }], { gzip: true });
    const corrupt = Buffer.from(gz);
    corrupt.fill(0x55, 20, 60);
    await expect(read(corrupt)).rejects.toMatchObject({ code: 'DATA_LOSS' });
    await expect(read(gz.subarray(0, gz.length - 30))).rejects.toMatchObject({ code: 'DATA_LOSS' });
  });

  it('reports garbage as DATA_LOSS', async () => {
    await expect(read(Buffer.alloc(2048, 0x41))).rejects.toMatchObject({ code: 'DATA_LOSS' });
  });

  it('refuses metadata over 16 MiB', async () => {
    const archive = await buildTar([{ name: 'manifest.json', data: Buffer.alloc(16 * 1024 * 1024 + 1, 0x20) }]);
    await expect(read(archive)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('leaves the caller’s stream undestroyed when the archive is bad', async () => {
    const { PassThrough } = await import('node:stream');
    const src = new PassThrough();
    src.write(Buffer.alloc(2048, 0x41)); // garbage, and the stream stays open
    await expect(read(src)).rejects.toMatchObject({ code: 'DATA_LOSS' });
    expect(src.destroyed).toBe(false);
    src.destroy();
  });

  it('keeps the input stream’s own error', async () => {
    const src = new Readable({ read() { this.destroy(new EngineError('CANCELED', 'gone')); } });
    await expect(read(src)).rejects.toMatchObject({ code: 'CANCELED' });
  });
});

describe('loadArchive cancellation', () => {
  it('rejects with CANCELED and releases its lease', async () => {
    const { PassThrough } = await import('node:stream');
    const { loadArchive } = await import('../../../src/image/archive/index.js');
    const src = new PassThrough();
    const full = await buildTar([{ name: 'big', data: Buffer.alloc(100_000, 1) }]);
    src.write(full.subarray(0, 10_000)); // and never more
    const ac = new AbortController();
    const p = loadArchive(t.store, src, { signal: ac.signal });
    setTimeout(() => ac.abort(), 50);
    await expect(p).rejects.toMatchObject({ code: 'CANCELED' });
    expect(await t.store.meta.leases.list()).toEqual([]);
    expect(await listBlobs(t.root)).toEqual([]);
  });

  it('cancels while waiting for the first bytes', async () => {
    const { PassThrough } = await import('node:stream');
    const { loadArchive } = await import('../../../src/image/archive/index.js');
    const ac = new AbortController();
    const p = loadArchive(t.store, new PassThrough(), { signal: ac.signal });
    setTimeout(() => ac.abort(), 20);
    await expect(p).rejects.toMatchObject({ code: 'CANCELED' });
  });
});
