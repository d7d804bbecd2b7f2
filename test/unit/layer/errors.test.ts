/** applyLayer's typed failures: corrupt input, unsupported compression, cancellation, input errors. */
import { gzipSync } from 'node:zlib';
import { PassThrough, Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyLayer } from '../../../src/image/layer/index.js';
import { EngineError } from '../../../src/lib/errors.js';
import { makeTar } from '../../helpers/tar.js';
import { LayerFixture } from './fixture.js';

let fx: LayerFixture;
beforeEach(async () => { fx = await LayerFixture.create(); });
afterEach(async () => { await fx.cleanup(); });

const layer = () => makeTar([{ name: 'a', content: Buffer.alloc(3000, 7) }, { name: 'b', content: 'b' }]);

describe('corrupt layers are DATA_LOSS with a one-line message', () => {
  it('a plain tar cut inside a file', async () => {
    const tar = await layer();
    await fx.expectRefused(tar.subarray(0, 2000), 'DATA_LOSS', /^layer is corrupt: unexpected end of data$/);
  });

  it('a gzip stream cut short', async () => {
    const gz = gzipSync(await layer());
    await fx.expectRefused(gz.subarray(0, gz.length - 10), 'DATA_LOSS', /^layer is corrupt: unexpected end of file$/);
  });

  it('a gzip stream with damaged deflate data', async () => {
    const gz = Buffer.from(gzipSync(await layer()));
    for (let i = 12; i < 40; i++) gz[i] = 0xff;
    const err = await fx.expectRefused(gz, 'DATA_LOSS', /^layer is corrupt: [^\n]+$/);
    expect(err.message).not.toContain('\n');
  });

  it('bytes that are not a tar', async () => {
    await fx.expectRefused(Buffer.alloc(1024, 'not a tar at all '), 'DATA_LOSS', /^layer is corrupt: invalid tar header$/);
  });

  it('a malformed PAX record', async () => {
    const tar = Buffer.from(await makeTar([{ name: 'f', content: 'x', pax: { 'user.k': 'v' } }]));
    const at = tar.indexOf(' user.k=v');
    tar.write('9', at - 2, 'latin1'); // the record length no longer ends on its newline
    await fx.expectRefused(tar, 'DATA_LOSS', /malformed PAX record/);
  });
});

it('zstd layers are NOT_IMPLEMENTED, not mistaken for corrupt tars', async () => {
  await fx.expectRefused(Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0, 0, 0, 0]), 'NOT_IMPLEMENTED', /zstd/);
});

describe('cancellation and input failures', () => {
  it('an already aborted signal is CANCELED before reading', async () => {
    await fx.expectRefused(await layer(), 'CANCELED', undefined, { signal: AbortSignal.abort() });
  });

  it('aborting mid-stream is CANCELED', async () => {
    const input = new PassThrough();
    const ac = new AbortController();
    const tar = await layer();
    input.write(tar.subarray(0, 1024));
    const p = applyLayer(input, fx.dest, { signal: ac.signal });
    setTimeout(() => ac.abort(), 20);
    await expect(p).rejects.toMatchObject({ code: 'CANCELED' });
  });

  it('an abort while waiting for the first bytes is CANCELED too', async () => {
    const ac = new AbortController();
    const p = applyLayer(new PassThrough(), fx.dest, { signal: ac.signal });
    setTimeout(() => ac.abort(), 20);
    await expect(p).rejects.toMatchObject({ code: 'CANCELED' });
  });

  it('an input stream error is UNAVAILABLE; an EngineError from the input keeps its code', async () => {
    const tar = await layer();
    const failing = (err: Error) => Readable.from((async function* () { yield tar.subarray(0, 1536); throw err; })());
    await expect(applyLayer(failing(new Error('socket hang up')), fx.dest)).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    await expect(applyLayer(failing(new EngineError('NOT_FOUND', 'blob gone')), fx.dest)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
