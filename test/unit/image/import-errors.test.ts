/**
 * import tees the tar into the content store and the snapshot extraction: when only the store's
 * write fails (its own disk full), the error is that one — RESOURCE_EXHAUSTED naming the file —
 * not the other side's "Premature close", and nothing is committed.
 */
import { Readable } from 'node:stream';
import { afterEach, expect, it } from 'vitest';
import { importImage } from '../../../src/image/import.js';
import { makeTempStore, type TempStore } from '../../helpers/store.js';
import { makeTar } from '../../helpers/tar.js';

let t: TempStore | undefined;
afterEach(async () => { await t?.cleanup(); t = undefined; });

it('a content-store write failing with ENOSPC is reported as such; no image, no tag', async () => {
  t = await makeTempStore('berth-import-err-');
  const content = t.store.content;
  const realWriter = content.writer.bind(content);
  // the store's disk fills after 64 KiB; the snapshot side has room
  content.writer = async () => {
    const w = await realWriter();
    let n = 0;
    return Object.assign(Object.create(Object.getPrototypeOf(w)), w, {
      get offset() { return w.offset; },
      async write(chunk: Uint8Array) {
        n += chunk.length;
        if (n > 64 << 10) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', path: '/store/ingest/x/data' });
        return w.write(chunk);
      },
      commit: w.commit.bind(w), abort: w.abort.bind(w),
    });
  };
  const tar = await makeTar([{ name: 'big.bin', content: Buffer.alloc(1 << 20, 1) }]);
  const err = await importImage(t.store, Readable.from([tar]), { reference: 'full:1' }).then(() => undefined, (e: unknown) => e);
  expect(err).toMatchObject({ code: 'RESOURCE_EXHAUSTED', message: 'no space left on device writing /store/ingest/x/data' });
  expect(await t.store.meta.images.list()).toEqual([]);
});
