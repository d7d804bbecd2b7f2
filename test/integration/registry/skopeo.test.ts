/**
 * Interop with containers/image: skopeo reads what berth pushed (manifest, config, layers by
 * digest; its Go gzip reader accepts the parallel-compressed layers), and berth pulls what
 * skopeo pushed from an oci-archive made by berth's save.
 */
import { execFile } from 'node:child_process';
import { createWriteStream, promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { saveArchive } from '../../../src/image/archive/index.js';
import { pullImage } from '../../../src/image/pull.js';
import { pushImage } from '../../../src/image/push.js';
import { assertBlobsValid, makeTempStore, type TempStore } from '../../helpers/store.js';
import { HAVE_REGISTRY, HAVE_SKOPEO, type Registry, startRegistry } from '../../helpers/registry.js';
import { buildImage } from '../archive/fixtures.js';
import { deps } from './fixtures.js';

const run = promisify(execFile);
const skopeo = async (...args: string[]) => (await run('/usr/bin/skopeo', ['--insecure-policy', ...args], { maxBuffer: 1 << 24 })).stdout;

describe.skipIf(!HAVE_REGISTRY || !HAVE_SKOPEO)('skopeo interop', () => {
  let reg: Registry;
  let a: TempStore;
  let b: TempStore;
  beforeAll(async () => { reg = await startRegistry(); });
  afterAll(async () => { await reg?.stop(); });
  beforeEach(async () => { a = await makeTempStore(); b = await makeTempStore(); });
  afterEach(async () => { await a.cleanup(); await b.cleanup(); });

  it('skopeo inspects and unpacks what berth pushed', async () => {
    const img = await buildImage(a.store, [{ 'etc/hello': 'hi' }, { 'bin/tool': 'x'.repeat(3 << 20) }], { tags: [`${reg.host}/project/app:1.0`] });
    const { pushed } = await pushImage(deps(a.store), `${reg.host}/project/app:1.0`);
    const info = JSON.parse(await skopeo('inspect', '--tls-verify=false', `docker://${reg.host}/project/app:1.0`));
    expect(info.Digest).toBe(pushed[0]!.Digest);
    expect(info.Architecture).toBe('amd64');
    const config = JSON.parse(await skopeo('inspect', '--tls-verify=false', '--config', `docker://${reg.host}/project/app:1.0`));
    expect(config.rootfs.diff_ids).toEqual(img.config.rootfs.diff_ids);
    // containers-storage decompresses every layer and checks it against the config's diff IDs
    const cs = join(b.root, 'cs');
    await skopeo('copy', '--src-tls-verify=false', `docker://${reg.host}/project/app:1.0`, `containers-storage:[vfs@${cs}+${cs}-run]${reg.host}/project/app:1.0`);
    const images = JSON.parse(await fsp.readFile(join(cs, 'vfs-images', 'images.json'), 'utf8'));
    expect(images[0].id).toBe(img.record.id.slice(7));
  });

  it('berth pulls what skopeo copied from berth save\'s oci-archive, with the same image ID', async () => {
    const img = await buildImage(a.store, [{ 'etc/hello': 'hi' }, { 'etc/two': '2' }], { tags: ['example.com/tools/app:1'], gzip: [0] });
    const file = join(a.root, 'saved.tar');
    await new Promise<void>((res, rej) => {
      const out = createWriteStream(file);
      saveArchive(a.store, ['example.com/tools/app:1'], out).then(() => out.end(), rej);
      out.on('finish', res);
    });
    await skopeo('copy', '--dest-tls-verify=false', `oci-archive:${file}`, `docker://${reg.host}/from/skopeo:sk`);
    const res = await pullImage(deps(b.store), `${reg.host}/from/skopeo:sk`);
    expect(res.id).toBe(img.record.id);
    expect(await b.store.meta.readTags()).toEqual({ [`${reg.host}/from/skopeo:sk`]: img.record.id });
    await assertBlobsValid(b.root);
  });
});
