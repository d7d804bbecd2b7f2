/** The client's pure mappings: stdcopy frames, progress and build lines, references, ssh argv, error adaptation. */
import { describe, expect, it } from 'vitest';
import { streamEvents } from '../../../src/api/client/build.js';
import { adaptErrors } from '../../../src/api/client/error-adapter.js';
import { splitTag } from '../../../src/api/client/images.js';
import { registryAuthHeader, toProgress } from '../../../src/api/client/registry.js';
import { FrameReader } from '../../../src/api/client/stdcopy.js';
import { unixTime } from '../../../src/api/client/system.js';
import { openTransport, sshArgv } from '../../../src/api/client/transport.js';
import type { Engine } from '../../../src/engine/engine.js';
import { EngineError } from '../../../src/lib/errors.js';

const frame = (n: number, s: string) => { const h = Buffer.alloc(8); h[0] = n; h.writeUInt32BE(Buffer.byteLength(s), 4); return Buffer.concat([h, Buffer.from(s)]); };

describe('remote engine mappings', () => {
  it('reads stdcopy frames split anywhere across chunks; stream 3 is the daemon error', () => {
    const all = Buffer.concat([frame(1, 'out\n'), frame(2, 'err\n'), frame(1, 'x')]);
    for (let cut = 0; cut <= all.length; cut++) {
      const r = new FrameReader();
      const got = [...r.push(all.subarray(0, cut)), ...r.push(all.subarray(cut))].map((f) => `${f.stream}:${f.payload}`);
      expect(got).toEqual(['stdout:out\n', 'stderr:err\n', 'stdout:x']);
    }
    expect(() => new FrameReader().push(frame(3, 'boom'))).toThrow('boom');
  });

  it('maps JSON progress lines to ProgressEvents', () => {
    expect(toProgress({ status: 'Downloading', id: 'abc123abc123', progressDetail: { current: 5, total: 10 } }))
      .toEqual({ id: 'abc123abc123', status: 'Downloading', layer: true, current: 5, total: 10 });
    expect(toProgress({ status: 'Pull complete', id: 'abc123abc123', progressDetail: {} })).toEqual({ id: 'abc123abc123', status: 'Pull complete', layer: true });
    expect(toProgress({ status: 'Digest: sha256:x' })).toEqual({ id: '', status: 'Digest: sha256:x' });
    expect(toProgress({ aux: { Tag: 'v1', Digest: 'sha256:d', Size: 5 } })).toEqual({ id: '', status: '', aux: { Tag: 'v1', Digest: 'sha256:d', Size: 5 } });
    expect(toProgress({ stream: 'x' })).toBeUndefined();
    expect(Buffer.from(registryAuthHeader(), 'base64url').toString()).toBe('{}');
  });

  it('maps legacy build output to BuildEvents', () => {
    const st: Parameters<typeof streamEvents>[1] = {};
    expect(streamEvents('Step 2/3 : RUN echo hi\n', st)).toEqual([{ type: 'step', ref: { step: 2, total: 3, stage: 'remote', stageStep: 2, stageSteps: 3 }, text: 'RUN echo hi' }]);
    expect(streamEvents(' ---> Running in 0123456789ab\n', st)).toMatchObject([{ type: 'container', id: '0123456789ab' }]);
    expect(streamEvents('hi\n', st)).toMatchObject([{ type: 'output', data: 'hi\n', ref: { step: 2 } }]);
    expect(streamEvents(' ---> Using cache\n', st)).toMatchObject([{ type: 'cached' }]);
    expect(streamEvents(' ---> 0123456789ab\n', st)).toMatchObject([{ type: 'step-done', imageId: '0123456789ab' }]);
    expect(streamEvents('Successfully built 0123456789ab\n', st)).toEqual([{ type: 'built', imageId: '0123456789ab' }]);
    expect(streamEvents('Successfully tagged a/b:c\n', st)).toEqual([{ type: 'tagged', reference: 'a/b:c' }]);
  });

  it('splits references, formats times, builds the ssh argv and refuses unknown schemes', () => {
    expect(splitTag('host:5000/a/b:v1')).toEqual({ repo: 'host:5000/a/b', tag: 'v1' });
    expect(splitTag('host:5000/a/b')).toEqual({ repo: 'host:5000/a/b' });
    expect(splitTag('a@sha256:00')).toEqual({ repo: 'a@sha256:00' });
    expect(unixTime(1700000000.5)).toBe('1700000000.500000000');
    expect(unixTime(1700000000)).toBe('1700000000');
    expect(sshArgv(new URL('ssh://bob@h.example:2200'))).toEqual(['-o', 'ConnectTimeout=30', '-T', '-l', 'bob', '-p', '2200', '--', 'h.example', 'docker', 'system', 'dial-stdio']);
    expect(() => openTransport('npipe:////./pipe/docker_engine')).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => openTransport('unix://relative.sock')).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });

  it('re-creates errors of promises, iterables and build handles through the mapper', async () => {
    class Other extends Error { code = 'NOT_FOUND'; }
    const map = (e: unknown) => new EngineError('NOT_FOUND', `mapped: ${(e as Error).message}`);
    const fake = {
      description: 'x',
      inspectImage: async () => { throw new Other('a'); },
      async *events() { yield 1; throw new Other('b'); },
      build: () => ({ events: (async function* () { /* none */ })(), result: Promise.reject(new Other('c')) }),
    } as unknown as Engine;
    const e = adaptErrors(fake, map);
    expect(e.description).toBe('x');
    await expect(e.inspectImage('q')).rejects.toMatchObject({ message: 'mapped: a' });
    const seen: unknown[] = [];
    await expect((async () => { for await (const v of e.events({})) seen.push(v); })()).rejects.toMatchObject({ message: 'mapped: b' });
    expect(seen).toEqual([1]);
    await expect(e.build({}).result).rejects.toBeInstanceOf(EngineError);
  });
});
