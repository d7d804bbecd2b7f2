import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hexOf, sha256 } from '../../../src/oci/digest.js';
import { MediaType } from '../../../src/oci/types.js';
import { readTar } from '../../helpers/archive-tar.js';
import { type TempStore, assertBlobsValid, listBlobs, makeTempStore } from '../../helpers/store.js';
import { buildImage, loadFile, saveToFile } from './fixtures.js';
import { saveArchive } from '../../../src/image/archive/index.js';
import { Writable } from 'node:stream';

let a: TempStore;
let b: TempStore;
beforeEach(async () => { a = await makeTempStore(); b = await makeTempStore(); });
afterEach(async () => { await a.cleanup(); await b.cleanup(); });

describe('save → load round trip', () => {
  it('keeps image IDs, tags, history and manifests', async () => {
    const img = await buildImage(a.store, [{ 'etc/hello': 'hi' }, { 'bin/tool': 'x' }], { tags: ['busybox:latest', 'busybox:1'], gzip: [0] });
    const untagged = await buildImage(a.store, [{ 'data/x': 'y' }], { cmd: ['other'] });
    const file = join(a.root, 'out.tar');
    await saveToFile(a.store, ['busybox:latest', untagged.record.id], file);

    const res = await loadFile(b.store, file);
    expect(res.loaded).toEqual([{ tag: 'busybox:latest', id: img.record.id }, { id: untagged.record.id }]);
    const tags = await b.store.meta.readTags();
    expect(tags).toEqual({ 'docker.io/library/busybox:latest': img.record.id });
    for (const src of [img, untagged]) {
      const rec = (await b.store.meta.images.get(hexOf(src.record.id)))!;
      expect(rec.manifest).toBe(src.record.manifest);
      expect((await b.store.readConfig(rec)).history).toEqual(src.config.history);
      expect((await b.store.readManifest(rec)).layers).toEqual(src.layers);
    }
    const chain = b.store.chainOf(img.config);
    expect(await fsp.readFile(join(b.store.snapshots.fsPath(chain[1]!), 'bin/tool'), 'utf8')).toBe('x');
    expect(await fsp.readFile(join(b.store.snapshots.fsPath(chain[0]!), 'etc/hello'), 'utf8')).toBe('hi');
    await assertBlobsValid(b.root);
    expect(await b.store.meta.leases.list()).toEqual([]);
    // nothing ingested is left unreferenced: B holds exactly what A does, the two images' blobs
    expect(await listBlobs(b.root)).toEqual(await listBlobs(a.root));
    const events = (await fsp.readFile(join(a.root, 'events.log'), 'utf8').catch(() => '')).split('\n').filter(Boolean).map((l) => JSON.parse(l));
    expect(events.filter((e) => e.Action === 'save').map((e) => e.Actor.ID)).toEqual([img.record.id, untagged.record.id]);
  });

  it('lays the archive out as docker 25+ does, deterministically', async () => {
    const img = await buildImage(a.store, [{ 'etc/hello': 'hi' }], { tags: ['busybox:latest'] });
    const f1 = join(a.root, '1.tar');
    const f2 = join(a.root, '2.tar');
    await saveToFile(a.store, ['busybox'], f1);
    await saveToFile(a.store, ['busybox'], f2);
    const buf = await fsp.readFile(f1);
    expect(buf.equals(await fsp.readFile(f2))).toBe(true);
    const entries = await readTar(buf);
    const layer = img.layers[0]!.digest;
    expect(entries.map((e) => e.name)).toEqual([
      'blobs/', 'blobs/sha256/', `blobs/sha256/${hexOf(layer)}`, `blobs/sha256/${hexOf(img.record.id)}`,
      `blobs/sha256/${hexOf(img.record.manifest)}`, 'index.json', 'manifest.json', 'oci-layout', 'repositories',
    ]);
    for (const e of entries.filter((x) => x.type === 'file' && x.name.startsWith('blobs/'))) expect(hexOf(sha256(e.data))).toBe(e.name.slice(13));
    const json = (n: string) => JSON.parse(entries.find((e) => e.name === n)!.data.toString());
    expect(json('oci-layout')).toEqual({ imageLayoutVersion: '1.0.0' });
    expect(json('manifest.json')).toEqual([{ Config: `blobs/sha256/${hexOf(img.record.id)}`, RepoTags: ['busybox:latest'], Layers: [`blobs/sha256/${hexOf(layer)}`] }]);
    expect(json('repositories')).toEqual({ busybox: { latest: hexOf(layer) } });
    expect(json('index.json').manifests).toEqual([{
      mediaType: MediaType.OciManifest, digest: img.record.manifest, size: expect.any(Number), platform: { architecture: 'amd64', os: 'linux' },
      annotations: { 'io.containerd.image.name': 'docker.io/library/busybox:latest', 'org.opencontainers.image.ref.name': 'latest' },
    }]);
  });

  it('saves every tag of a bare repository name, and fails on an unknown one before writing', async () => {
    await buildImage(a.store, [{ a: '1' }], { tags: ['busybox:1', 'busybox:2'] });
    const f = join(a.root, 'x.tar');
    await saveToFile(a.store, ['busybox'], f);
    const manifest = JSON.parse((await readTar(await fsp.readFile(f))).find((e) => e.name === 'manifest.json')!.data.toString());
    expect(manifest[0].RepoTags).toEqual(['busybox:1', 'busybox:2']);
    let bytes = 0;
    const sink = new Writable({ write(c, _e, cb) { bytes += c.length; cb(); } });
    await expect(saveArchive(a.store, ['busybox:1', 'nope'], sink)).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'No such image: nope:latest' });
    expect(bytes).toBe(0);
  });

  it('fails with DATA_LOSS on a corrupt stored blob, and with the output’s error when it breaks', async () => {
    const img = await buildImage(a.store, [{ 'etc/hello': 'hi' }], { tags: ['busybox:latest'] });
    const discard = () => new Writable({ write(_c, _e, cb) { cb(); } });
    const broken = new Writable({ write(_c, _e, cb) { cb(new Error('EPIPE-ish')); } });
    await expect(saveArchive(a.store, ['busybox'], broken)).rejects.toThrow('EPIPE-ish');
    const blob = join(a.root, 'blobs', 'sha256', hexOf(img.layers[0]!.digest));
    const bytes = await fsp.readFile(blob);
    bytes[bytes.length - 1] ^= 0xff;
    await fsp.writeFile(blob, bytes);
    await expect(saveArchive(a.store, ['busybox'], discard())).rejects.toMatchObject({ code: 'DATA_LOSS' });
  });
});
