/**
 * Round trips through Debian's docker-registry: push → pull into an empty store gives the same
 * image ID and files; the pushed manifest is docker schema2 with gzip layers; plain layers are
 * compressed once and their gzip twins re-used; blobs the registry has are skipped, blobs another
 * repository has are mounted; blobs the store has are not downloaded; transfers are limited to
 * max-concurrent-downloads; -a moves every tag.
 */
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { compressedTwin } from '../../../src/image/distribution-meta.js';
import { pullImage } from '../../../src/image/pull.js';
import { pushImage } from '../../../src/image/push.js';
import { chainIds, type Digest, shortId } from '../../../src/oci/digest.js';
import { MediaType } from '../../../src/oci/types.js';
import { assertBlobsValid, makeTempStore, type TempStore } from '../../helpers/store.js';
import { HAVE_REGISTRY, type Registry, startFaultProxy, startRegistry } from '../../helpers/registry.js';
import { type BuiltImage, buildImage } from '../archive/fixtures.js';
import { deps, getManifest, recorder } from './fixtures.js';

describe.skipIf(!HAVE_REGISTRY)('push and pull', () => {
  let reg: Registry;
  let a: TempStore;
  let b: TempStore;
  let img: BuiltImage;
  let name: string;

  beforeAll(async () => { reg = await startRegistry(); });
  afterAll(async () => { await reg?.stop(); });
  beforeEach(async () => {
    a = await makeTempStore();
    b = await makeTempStore();
    name = `${reg.host}/project/app${Math.random().toString(36).slice(2, 8)}`;
    // layer 1 arrives gzip (as if pulled); 0 and 2 are plain tars (as import/commit keep them)
    img = await buildImage(a.store, [{ 'etc/hello': 'hi' }, { 'bin/tool': 'x'.repeat(5000) }, { 'etc/hello': 'bye' }], { tags: [`${name}:1.0`], gzip: [1] });
  });
  afterEach(async () => { await a.cleanup(); await b.cleanup(); });

  it('push → pull into an empty store gives the same image ID, files and repo digest', async () => {
    const up = recorder();
    const pushed = await pushImage(deps(a.store), `${name}:1.0`, { onProgress: up.onProgress });
    const diff = img.config.rootfs.diff_ids.map(shortId).reverse();
    expect(up.lines()).toEqual([
      `The push refers to repository [${name}]`,
      ...diff.map((d) => `${d}: Preparing`),
      ...up.lines().filter((l) => l.endsWith(': Pushed')),
      `1.0: digest: ${pushed.pushed[0]!.Digest} size: ${pushed.pushed[0]!.Size}`,
    ]);
    expect(up.lines().filter((l) => l.endsWith(': Pushed')).sort()).toEqual(diff.map((d) => `${d}: Pushed`).sort());
    expect(up.events.at(-1)!.aux).toEqual(pushed.pushed[0]);
    expect(pushed.reference).toBe(`${name}:1.0`);

    const m = await getManifest(reg.host, name.slice(reg.host.length + 1), '1.0');
    expect(m.digest).toBe(pushed.pushed[0]!.Digest);
    expect(m.body.mediaType).toBe(MediaType.DockerManifest);
    const layers = m.body.layers as { mediaType: string; digest: string }[];
    expect(layers.map((l) => l.mediaType)).toEqual(Array(3).fill(MediaType.DockerLayerGzip));
    expect(layers[1]!.digest).toBe(img.layers[1]!.digest); // a gzip blob goes up as its exact bytes
    expect((m.body.config as { digest: string }).digest).toBe(img.record.id);
    expect((await a.store.meta.images.get(img.record.id.slice(7)))!.repoDigests).toEqual([`${name}@${pushed.pushed[0]!.Digest}`]);

    const down = recorder();
    const res = await pullImage(deps(b.store), `${name}:1.0`, { onProgress: down.onProgress });
    expect(res).toEqual({ id: img.record.id, updated: true, reference: `${name}:1.0` });
    const rec = (await b.store.meta.images.get(img.record.id.slice(7)))!;
    expect(rec.repoDigests).toEqual([`${name}@${pushed.pushed[0]!.Digest}`]);
    expect(await b.store.meta.readTags()).toEqual({ [`${name}:1.0`]: img.record.id });
    const ids = layers.map((l) => shortId(l.digest));
    const lines = down.lines();
    expect(lines[0]).toBe(`1.0: Pulling from ${name}`);
    for (const id of ids) {
      const mine = lines.filter((l) => l.startsWith(`${id}: `));
      expect(mine).toEqual([`${id}: Pulling fs layer`, `${id}: Verifying Checksum`, `${id}: Download complete`, `${id}: Pull complete`]);
    }
    expect(lines.filter((l) => l.endsWith('Pull complete'))).toEqual(ids.map((id) => `${id}: Pull complete`));
    expect(lines.slice(-2)).toEqual([`Digest: ${pushed.pushed[0]!.Digest}`, `Status: Downloaded newer image for ${name}:1.0`]);
    const top = chainIds(img.config.rootfs.diff_ids as Digest[])[2]!;
    expect(await fsp.readFile(join(b.store.snapshots.fsPath(top), 'etc/hello'), 'utf8')).toBe('bye');
    expect(await b.store.snapshots.list()).toHaveLength(3);
    await assertBlobsValid(b.root);

    const again = recorder();
    expect((await pullImage(deps(b.store), `${name}:1.0`, { onProgress: again.onProgress })).updated).toBe(false);
    expect(again.lines()).toEqual([`1.0: Pulling from ${name}`, `Digest: ${pushed.pushed[0]!.Digest}`, `Status: Image is up to date for ${name}:1.0`]);
  });

  it('re-uses the gzip twins of plain layers, skips what the registry has and mounts across repositories', async () => {
    const first = await pushImage(deps(a.store), `${name}:1.0`);
    const twin = await compressedTwin(a.store, img.layers[0]!.digest);
    expect(twin).toBeDefined();
    const again = recorder();
    await pushImage(deps(a.store), `${name}:1.0`, { onProgress: again.onProgress });
    expect(again.lines().filter((l) => l.endsWith('Layer already exists'))).toHaveLength(3);
    expect(again.lines().at(-1)).toBe(`1.0: digest: ${first.pushed[0]!.Digest} size: ${first.pushed[0]!.Size}`);

    const other = `${reg.host}/other/app${Math.random().toString(36).slice(2, 8)}`;
    await a.store.setTag(`${other}:2.0`, img.record.id);
    const mounted = recorder();
    const res = await pushImage(deps(a.store), `${other}:2.0`, { onProgress: mounted.onProgress });
    const from = name.slice(reg.host.length + 1);
    expect(mounted.lines().filter((l) => l.endsWith(`Mounted from ${from}`))).toHaveLength(3);
    expect(res.pushed[0]!.Digest).toBe(first.pushed[0]!.Digest); // same layers, same bytes, same manifest
  });

  it('a second registry gets the same compressed bytes without compressing again', async () => {
    const reg2 = await startRegistry();
    try {
      const first = await pushImage(deps(a.store), `${name}:1.0`);
      const twin = (await compressedTwin(a.store, img.layers[0]!.digest))!;
      // with the plain blob gone, only the kept gzip twin can be sent
      await a.store.content.delete(img.layers[0]!.digest);
      const other = `${reg2.host}/mirror/app`;
      await a.store.setTag(`${other}:1.0`, img.record.id);
      const second = await pushImage(deps(a.store), `${other}:1.0`);
      expect(second.pushed[0]!.Digest).toBe(first.pushed[0]!.Digest);
      const m = await getManifest(reg2.host, 'mirror/app', '1.0');
      expect((m.body.layers as { digest: string }[])[0]!.digest).toBe(twin.digest);
    } finally {
      await reg2.stop();
    }
  });

  it('layers already in the store are not downloaded ("Already exists")', async () => {
    await pushImage(deps(a.store), `${name}:1.0`);
    const child = await buildImage(a.store, [{ 'etc/hello': 'hi' }, { 'bin/tool': 'x'.repeat(5000) }, { 'etc/hello': 'bye' }, { 'etc/new': 'n' }], { tags: [`${name}:2.0`], gzip: [1] });
    await pushImage(deps(a.store), `${name}:2.0`);
    await pullImage(deps(b.store), `${name}:1.0`);
    const proxy = await startFaultProxy(reg.host, 'pass');
    try {
      const rec = recorder();
      const via = `${proxy.host}/${name.slice(reg.host.length + 1)}`;
      const res = await pullImage(deps(b.store), `${via}:2.0`, { onProgress: rec.onProgress });
      expect(res.id).toBe(child.record.id);
      expect(rec.lines().filter((l) => l.endsWith('Already exists'))).toHaveLength(3);
      expect(proxy.blobGets.filter((g) => !g.path.endsWith(child.record.id))).toHaveLength(1);
    } finally {
      await proxy.close();
    }
  });

  it('downloads at most max-concurrent-downloads layers at once ("Waiting")', async () => {
    await pushImage(deps(a.store), `${name}:1.0`);
    const one = recorder();
    await pullImage(deps(b.store, { maxConcurrentDownloads: 1 }), `${name}:1.0`, { onProgress: one.onProgress });
    expect(one.lines().filter((l) => l.endsWith(': Waiting'))).toHaveLength(2);
    const c = await makeTempStore();
    try {
      const three = recorder();
      await pullImage(deps(c.store), `${name}:1.0`, { onProgress: three.onProgress });
      expect(three.lines().filter((l) => l.endsWith(': Waiting'))).toHaveLength(0);
    } finally {
      await c.cleanup();
    }
  });

  it('-a pushes and pulls every tag of the repository', async () => {
    const second = await buildImage(a.store, [{ 'etc/two': '2' }], { tags: [`${name}:2.0`] });
    const up = await pushImage(deps(a.store), name, { allTags: true });
    expect(up.pushed.map((p) => p.Tag)).toEqual(['1.0', '2.0']);
    expect(up.reference).toBe(name);
    const rec = recorder();
    const res = await pullImage(deps(b.store), name, { allTags: true, onProgress: rec.onProgress });
    expect(res.reference).toBe(name);
    expect(await b.store.meta.readTags()).toEqual({ [`${name}:1.0`]: img.record.id, [`${name}:2.0`]: second.record.id });
    // in the registry's tags/list order, as docker
    expect(rec.lines().filter((l) => l.includes('Pulling from')).sort()).toEqual([`1.0: Pulling from ${name}`, `2.0: Pulling from ${name}`]);
    expect(rec.lines().at(-1)).toBe(`Status: Downloaded newer image for ${name}`);
  });

  it('pull by digest records the repo digest and no tag', async () => {
    const { pushed } = await pushImage(deps(a.store), `${name}:1.0`);
    const rec = recorder();
    const res = await pullImage(deps(b.store), `${name}@${pushed[0]!.Digest}`, { onProgress: rec.onProgress });
    expect(res.id).toBe(img.record.id);
    expect(rec.lines()[0]).toBe(`${name}@${pushed[0]!.Digest}: Pulling from ${name}`);
    expect(await b.store.meta.readTags()).toEqual({});
    expect((await b.store.meta.images.get(img.record.id.slice(7)))!.repoDigests).toEqual([`${name}@${pushed[0]!.Digest}`]);
  });
});
