import { describe, expect, it } from 'vitest';
import {
  parseDockerfile, reachableStages, resolveMetaArgs, resolveTarget, stageDeps,
} from '../../../src/build/dockerfile/index.js';

const DF = parseDockerfile([
  'ARG BASE=build', //                                   1
  'FROM golang:1.22 AS build', //                         2  stage 0
  'RUN go build -o /out/app', //                          3
  'FROM alpine AS test', //                               4  stage 1
  'COPY --from=build /out/app /app', //                   5
  'FROM scratch AS docs', //                              6  stage 2 (unused by the final stage)
  'COPY README.md /', //                                  7
  'FROM ${BASE} AS derived', //                           8  stage 3 (FROM an earlier stage via ARG)
  'RUN --mount=type=bind,from=test,target=/t true', //    9
  'FROM debian', //                                      10  stage 4
  'COPY --from=3 /x /x', //                              11
  'COPY --from=nginx:latest /etc/nginx /etc/nginx', //   12
].join('\n'));

describe('stage graph', () => {
  it('resolves FROM, COPY --from (name, index, image) and mount from= references', () => {
    const g = stageDeps(DF, { meta: resolveMetaArgs(DF) });
    expect(g.nodes.map((n) => [n.displayName, n.image, n.base])).toEqual([
      ['build', 'golang:1.22', { kind: 'image', ref: 'golang:1.22' }],
      ['test', 'alpine', { kind: 'image', ref: 'alpine' }],
      ['docs', 'scratch', { kind: 'scratch' }],
      ['derived', 'build', { kind: 'stage', index: 0 }],
      ['stage-4', 'debian', { kind: 'image', ref: 'debian' }],
    ]);
    expect(g.nodes.map((n) => n.deps.map((d) => [d.via, d.name, d.ref]))).toEqual([
      [], [['copy', 'build', { kind: 'stage', index: 0 }]], [],
      [['mount', 'test', { kind: 'stage', index: 1 }]],
      [['copy', '3', { kind: 'stage', index: 3 }], ['copy', 'nginx:latest', { kind: 'image', ref: 'nginx:latest' }]],
    ]);
  });

  it('picks the target by name (case-insensitive) or the last stage', () => {
    expect(resolveTarget(DF)).toBe(4);
    expect(resolveTarget(DF, 'TEST')).toBe(1);
    expect(() => resolveTarget(DF, 'tset')).toThrow('target stage "tset" could not be found (did you mean test?)');
    expect(() => resolveTarget(DF, 'nothing-like-it')).toThrow(/^target stage "nothing-like-it" could not be found$/);
  });

  it('builds only the stages the target reaches (BuildKit), in file order', () => {
    const meta = resolveMetaArgs(DF);
    expect(reachableStages(DF, undefined, { meta })).toEqual([0, 1, 3, 4]);
    expect(reachableStages(DF, 'test', { meta })).toEqual([0, 1]);
    expect(reachableStages(DF, 'docs', { meta })).toEqual([2]);
    // With BASE=alpine the derived stage no longer needs "build" as its base, only "test".
    const other = resolveMetaArgs(DF, { buildArgs: { BASE: 'alpine' } });
    expect(reachableStages(DF, 'derived', { meta: other })).toEqual([0, 1, 3]);
    expect(stageDeps(DF, { meta: other }).nodes[3]!.base).toEqual({ kind: 'image', ref: 'alpine' });
  });

  it('treats FROM <later stage> as an image, as docker does', () => {
    const df = parseDockerfile('FROM later AS first\nFROM alpine AS later\n');
    expect(stageDeps(df).nodes[0]!.base).toEqual({ kind: 'image', ref: 'later' });
  });

  it('rejects a reachable COPY --from of a later stage, with its location', () => {
    const df = parseDockerfile('FROM a AS one\nCOPY --from=two /x /x\nFROM b AS two\nFROM c AS three\nRUN --mount=from=four true\nFROM d AS four\n');
    expect(() => reachableStages(df, 'one')).toThrow('Dockerfile:2:1: cannot copy from stage "two", it needs to be defined before current stage "one"');
    expect(() => reachableStages(df, 'three')).toThrow('Dockerfile:5:1: cannot mount from stage "four", stage needs to be defined before current command');
    expect(reachableStages(df, 'two')).toEqual([1]);
  });

  it('reports circular references like BuildKit', () => {
    const self = parseDockerfile('FROM a AS loop\nCOPY --from=loop /x /x\n');
    expect(() => stageDeps(self)).toThrow('Dockerfile:2:1: circular dependency detected on stage: loop');
    const pair = parseDockerfile('FROM a\nCOPY --from=1 /x /x\nFROM b\nCOPY --from=0 /y /y\n');
    expect(() => reachableStages(pair)).toThrow('Dockerfile:2:1: circular dependency detected on stage: stage-0');
  });

  it('validates --from values', () => {
    expect(() => stageDeps(parseDockerfile('FROM a\nCOPY --from=3 /x /x\n'))).toThrow('Dockerfile:2:1: invalid stage index 3');
    expect(() => stageDeps(parseDockerfile('FROM a\nCOPY --from=-1 /x /x\n'))).toThrow('invalid stage index -1');
    expect(() => stageDeps(parseDockerfile('FROM a\nCOPY --from=$STAGE /x /x\n')))
      .toThrow('Dockerfile:2:1: variable expansion is not supported for --from, define a new stage with FROM using ARG from global scope as a workaround');
  });

  it('expands FROM with meta args and rejects an empty base or platform', () => {
    const df = parseDockerfile('ARG IMG\nARG P\nFROM --platform=${P:-linux/arm64} ${IMG:-busybox}:${TAG:-1}\n');
    expect(stageDeps(df, { meta: resolveMetaArgs(df) }).nodes[0]).toMatchObject({ image: 'busybox:1', platform: 'linux/arm64' });
    expect(() => stageDeps(parseDockerfile('ARG IMG\nFROM $IMG\n'))).toThrow('Dockerfile:2:1: base name ($IMG) should not be blank');
    expect(() => stageDeps(parseDockerfile('ARG P\nFROM --platform=$P a\n'))).toThrow('Dockerfile:2:1: empty platform value from expression $P');
  });
});
