/**
 * Bad input fails with a clear error (file:line:col or the path), no tag, earlier cached steps
 * kept, and no container or mount left: a failing RUN (its exit code and last output lines),
 * unknown instruction, missing or outside-the-context COPY source, unknown stage in --from, a
 * cycle between stages, RUN --mount, a missing base image, an aborted build.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isEngineError, type EngineError } from '../../../src/lib/errors.js';
import { BuildFixture, mountsUnder } from './fixture.js';

describe('build errors', () => {
  const f = new BuildFixture();
  beforeAll(() => f.setup(), 120_000);
  afterAll(() => f.cleanup());

  const fail = async (dockerfile: string, files: Record<string, string> = {}, opts: Record<string, unknown> = {}) => {
    const err = await f.build({ context: f.context({ ...files, Dockerfile: dockerfile }), tags: ['bad:1'], ...opts }).then(
      () => { throw new Error('build succeeded'); }, (e: unknown) => e as EngineError & { text: string },
    );
    expect(isEngineError(err)).toBe(true);
    await expect(f.engine.inspectImage('bad:1')).rejects.toThrow('No such image');
    expect(await f.engine.listContainers({ all: true })).toEqual([]);
    expect(mountsUnder(f.root)).toEqual([]);
    return err;
  };

  it('a failing RUN: docker\'s message, its exit code, last output lines; the steps before stay cached', async () => {
    const df = 'FROM busybox\nRUN echo one > /one\nRUN echo out; echo err >&2; exit 3\n';
    const err = await fail(df);
    expect(err.message).toBe("The command '/bin/sh -c echo out; echo err >&2; exit 3' returned a non-zero code: 3");
    expect(err.detail?.exitCode).toBe(3);
    expect(err.detail?.output).toEqual(['out', 'err']);
    expect(err.text).toContain('out\nerr\n');
    const again = await fail(df);
    expect(again.text).toMatch(/Step 2\/3 : RUN echo one > \/one\n ---> Using cache\n/);
  });

  it('names file:line:col or the path', async () => {
    expect((await fail('FROM busybox\nFOO bar\n')).message).toBe('Dockerfile:2:1: unknown instruction: FOO (did you mean FROM?)');
    expect((await fail('FROM busybox\nCOPY nothere /x\n')).message)
      .toBe('COPY failed: file not found in build context or excluded by .dockerignore: stat nothere: file does not exist');
    expect((await fail('FROM busybox\nCOPY ../x /x\n')).message).toBe('COPY failed: forbidden path outside the build context: ../x (x)');
    expect((await fail('FROM busybox\nCOPY secret.log /x\n', { 'secret.log': 's', '.dockerignore': '*.log\n' })).message).toContain('stat secret.log: file does not exist');
    expect((await fail('FROM busybox\nCOPY --from=nostage /x /x\n')).message)
      .toMatch(/^Dockerfile:2:1: invalid from flag value nostage: no stage with this name, and no such image: nostage:latest/);
    expect((await fail('FROM busybox AS a\nCOPY --from=b /x /x\nFROM busybox AS b\nCOPY --from=a /y /y\n')).message)
      .toBe('Dockerfile:2:1: circular dependency detected on stage: a');
    expect((await fail('FROM busybox\nRUN --mount=type=secret,id=s true\n')).message).toMatch(/^Dockerfile:2:1: RUN --mount=type=secret is not supported/);
    expect((await fail('FROM busybox\nRUN --network=none true\n')).code).toBe('NOT_IMPLEMENTED');
    expect((await fail('FROM localhost:1/nosuch:1\n')).message).toMatch(/^Dockerfile:1:1: FROM localhost:1\/nosuch:1: No such image: localhost:1\/nosuch:1/);
    expect((await fail('FROM busybox\nCOPY a b /notdir\n', { a: '1', b: '2' })).message)
      .toBe('Dockerfile:2:1: When using COPY with more than one source file, the destination must be a directory and end with a /');
    expect((await fail('FROM busybox\nCOPY --chown=nobody-here x /x\n', { x: '1' })).message).toMatch(/^Dockerfile:2:1: unable to convert uid\/gid chown string to host mapping: can't find uid for user nobody-here: no such user: nobody-here$/);
  });

  it('an aborted build stops its RUN, removes the container, tags nothing', async () => {
    const ac = new AbortController();
    const handle = f.engine.build({ context: f.context({ Dockerfile: 'FROM busybox\nRUN echo started; sleep 60\n' }), tags: ['bad:1'], signal: ac.signal, noCache: true });
    for await (const e of handle.events) if (e.type === 'output') { ac.abort(); break; }
    await expect(handle.result).rejects.toMatchObject({ code: 'CANCELED' });
    await expect(f.engine.inspectImage('bad:1')).rejects.toThrow('No such image');
    expect(await f.engine.listContainers({ all: true })).toEqual([]);
    expect(mountsUnder(f.root)).toEqual([]);
  });
});
