/**
 * docker's JSON message stream as berth serve writes it: progress lines (progressDetail only on
 * layer lines, the pre-rendered bar dockerd draws), push's aux record, build messages (aux before
 * "Successfully built"), and the stream's error rule: an HTTP status before the first message,
 * an in-band {"errorDetail","error"} after it.
 */
import http from 'node:http';
import { Readable } from 'node:stream';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { JsonStream, errorMessage, goHumanSize, progressBar, progressMessage } from '../../../src/api/server/json-progress.js';
import { buildMessages, buildTags, completeTar, jsonMap } from '../../../src/api/server/build.js';
import { EngineError } from '../../../src/lib/errors.js';

describe('progress messages', () => {
  it('layer lines carry progressDetail ({} without numbers); image-level lines do not', () => {
    expect(progressMessage({ id: 'latest', status: 'Pulling from library/busybox' })).toEqual({ status: 'Pulling from library/busybox', id: 'latest' });
    expect(progressMessage({ id: 'abc123abc123', status: 'Pulling fs layer', layer: true })).toEqual({ status: 'Pulling fs layer', progressDetail: {}, id: 'abc123abc123' });
    expect(progressMessage({ id: '', status: 'Digest: sha256:00' })).toEqual({ status: 'Digest: sha256:00' });
    const dl = progressMessage({ id: 'abc123abc123', status: 'Downloading', layer: true, current: 1_500_000, total: 3_000_000 });
    expect(dl.progressDetail).toEqual({ current: 1_500_000, total: 3_000_000 });
    expect(dl.progress).toBe(`[${'='.repeat(25)}>${' '.repeat(25)}] ${'1.5MB'.padStart(8)}/3MB`);
  });

  it("push's final record is docker's aux message", () => {
    const aux = { Tag: 'v1', Digest: 'sha256:ab', Size: 527 };
    expect(progressMessage({ id: '', status: '', aux })).toEqual({ progressDetail: {}, aux });
  });

  it("sizes and bars as go-units and JSONProgress.String() print them", () => {
    expect(goHumanSize(527)).toBe('527B');
    expect(goHumanSize(1234567)).toBe('1.235MB');
    expect(goHumanSize(2_000)).toBe('2kB');
    expect(progressBar(0, 0)).toBe('');
    expect(progressBar(2048, 0)).toBe(' 2.048kB');
    expect(progressBar(10, 10)).toBe(`[${'='.repeat(50)}>] ${'10B'.padStart(8)}/10B`);
    expect(progressBar(20, 10)).toBe(`[${'='.repeat(50)}>] ${'20B'.padStart(8)}`);
  });

  it('errors carry the exit code only when there is one', () => {
    expect(errorMessage('boom')).toEqual({ errorDetail: { message: 'boom' }, error: 'boom' });
    expect(errorMessage('rc 3', 3)).toEqual({ errorDetail: { code: 3, message: 'rc 3' }, error: 'rc 3' });
  });
});

describe('build messages and query', () => {
  it('aux ID comes before "Successfully built"; other events are their legacy text', () => {
    const ref = { step: 1, total: 2, stage: '0', stageStep: 1, stageSteps: 2 };
    expect(buildMessages({ type: 'step', ref, text: 'FROM busybox' })).toEqual([{ stream: 'Step 1/2 : FROM busybox\n' }]);
    expect(buildMessages({ type: 'built', imageId: `sha256:${'a'.repeat(64)}` })).toEqual([
      { aux: { ID: `sha256:${'a'.repeat(64)}` } }, { stream: `Successfully built ${'a'.repeat(12)}\n` },
    ]);
    // the CLI's cache explanations are berth's addition, not part of docker's stream
    expect(buildMessages({ type: 'miss', ref, reason: 'file changed' })).toEqual([]);
  });

  it('buildargs/labels are JSON maps (null dropped); tags are validated, digests refused', () => {
    expect(jsonMap(new URLSearchParams({ buildargs: '{"A":"1","B":null}' }), 'buildargs')).toEqual({ A: '1' });
    expect(jsonMap(new URLSearchParams(), 'labels')).toEqual({});
    expect(() => jsonMap(new URLSearchParams({ labels: '[1]' }), 'labels')).toThrow(/invalid labels/);
    expect(buildTags(new URLSearchParams([['t', 'a:1'], ['t', 'b'], ['t', 'a:1']]))).toEqual(['a:1', 'b']);
    expect(() => buildTags(new URLSearchParams([['t', 'Bad']]))).toThrow(/invalid reference format/);
    expect(() => buildTags(new URLSearchParams([['t', `a@sha256:${'1'.repeat(64)}`]]))).toThrow('build tag cannot contain a digest');
  });
});

describe('completeTar', () => {
  const through = async (chunks: Buffer[]) => Buffer.concat(await Readable.from(chunks).pipe(completeTar()).toArray());

  it("pads a plain tar cut after its last file's data (the docker CLI's injected Dockerfile) and adds the end blocks", async () => {
    const out = await through([Buffer.alloc(512, 1), Buffer.from('short data')]);
    expect(out.length).toBe(1024 + 1024);
    expect(out.subarray(0, 522)).toEqual(Buffer.concat([Buffer.alloc(512, 1), Buffer.from('short data')]));
    expect(out.subarray(522).every((b) => b === 0)).toBe(true);
    expect((await through([Buffer.alloc(1536, 1)])).length).toBe(1536 + 1024);
  });

  it('leaves compressed and empty bodies alone', async () => {
    const gz = Buffer.from([0x1f, 0x8b, 8, 0, 1, 2, 3]);
    expect(await through([gz.subarray(0, 1), gz.subarray(1)])).toEqual(gz);
    expect(await through([Buffer.from('BZh91AY')])).toEqual(Buffer.from('BZh91AY'));
    expect((await through([])).length).toBe(0);
  });
});

describe('JsonStream over HTTP', () => {
  let server: http.Server | undefined;
  afterEach(async () => { if (server) await new Promise((r) => server!.close(r)); server = undefined; });

  async function serveOnce(fn: (out: JsonStream) => void): Promise<{ status: number; type?: string; body: string }> {
    server = http.createServer((_req, res) => fn(new JsonStream(res)));
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    return new Promise((resolve, reject) => {
      http.get(`http://127.0.0.1:${port}/`, (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'], body }));
      }).on('error', reject);
    });
  }

  it('an error before any message is a plain HTTP error with its status', async () => {
    const r = await serveOnce((out) => out.fail(new EngineError('NOT_FOUND', 'manifest unknown')));
    expect(r).toMatchObject({ status: 404, type: 'application/json' });
    expect(JSON.parse(r.body)).toEqual({ message: 'manifest unknown' });
  });

  it('after a message the error goes in-band, each line \\r\\n-terminated', async () => {
    const r = await serveOnce((out) => {
      out.progress({ id: '', status: 'The push refers to repository [x]' });
      out.fail(new EngineError('NOT_FOUND', 'An image does not exist locally with the tag: x'));
    });
    expect(r.status).toBe(200);
    expect(r.body).toBe('{"status":"The push refers to repository [x]"}\r\n'
      + '{"errorDetail":{"message":"An image does not exist locally with the tag: x"},"error":"An image does not exist locally with the tag: x"}\r\n');
  });

  it('text() skips empty strings; end() with nothing written is an empty 200', async () => {
    const r = await serveOnce((out) => { out.text(''); out.end(); });
    expect(r).toMatchObject({ status: 200, body: '', type: 'application/json' });
  });
});
