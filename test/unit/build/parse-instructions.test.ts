import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../../../src/build/dockerfile/index.js';
import type { Instruction } from '../../../src/build/dockerfile/index.js';

/** Parse `FROM scratch` + one line and return that line's instruction without source info. */
function one(line: string): Record<string, unknown> {
  const df = parseDockerfile(`FROM scratch\n${line}\n`);
  const instr = df.stages[0]!.instructions[0]!;
  const { keyword: _k, location: _l, source: _s, ...rest } = instr as Instruction & Record<string, unknown>;
  return rest;
}

const cmdLine = (args: string[], shell: boolean) => ({ args, shell, files: [] });

describe('parsing every instruction form', () => {
  it.each<[string, Record<string, unknown>]>([
    ['ENV A=1 B="two words" C=\'x y\'', { kind: 'ENV', pairs: [
      { key: 'A', value: '1', legacy: false }, { key: 'B', value: '"two words"', legacy: false },
      { key: 'C', value: "'x y'", legacy: false }] }],
    ['ENV LEGACY some value  with spaces', { kind: 'ENV', pairs: [{ key: 'LEGACY', value: 'some value  with spaces', legacy: true }] }],
    ['ENV A=a\\ b', { kind: 'ENV', pairs: [{ key: 'A', value: 'a\\ b', legacy: false }] }],
    ['LABEL "com.example key"=v x=', { kind: 'LABEL', pairs: [
      { key: '"com.example key"', value: 'v', legacy: false }, { key: 'x', value: '', legacy: false }] }],
    ['ARG a=1 b', { kind: 'ARG', args: [{ key: 'a', value: '1' }, { key: 'b' }] }],
    ['ARG c= d="x y"', { kind: 'ARG', args: [{ key: 'c', value: '' }, { key: 'd', value: '"x y"' }] }],
    ['WORKDIR /app/$DIR', { kind: 'WORKDIR', path: '/app/$DIR' }],
    ['USER 1000:1000', { kind: 'USER', user: '1000:1000' }],
    ['STOPSIGNAL SIGINT', { kind: 'STOPSIGNAL', signal: 'SIGINT' }],
    ['MAINTAINER Jane Doe <jane@example.com>', { kind: 'MAINTAINER', maintainer: 'Jane Doe <jane@example.com>' }],
    ['EXPOSE 8080 53/udp 443', { kind: 'EXPOSE', ports: ['443', '53/udp', '8080'] }],
    ['VOLUME /a /b', { kind: 'VOLUME', paths: ['/a', '/b'] }],
    ['VOLUME ["/data", "/logs"]', { kind: 'VOLUME', paths: ['/data', '/logs'] }],
    ['COPY a b /dst/', { kind: 'COPY', sources: ['a', 'b'], inline: [], dest: '/dst/', link: false, parents: false, excludes: [] }],
    ['COPY ["a b", "/d st"]', { kind: 'COPY', sources: ['a b'], inline: [], dest: '/d st', link: false, parents: false, excludes: [] }],
    ['COPY --from=build --chown=1:2 --chmod=0755 --link /out /usr/bin/', {
      kind: 'COPY', sources: ['/out'], inline: [], dest: '/usr/bin/', from: 'build', chown: '1:2', chmod: '0755',
      link: true, parents: false, excludes: [] }],
    ['COPY --parents --exclude=*.md --exclude=tmp ./src /app', {
      kind: 'COPY', sources: ['./src'], inline: [], dest: '/app', link: false, parents: true, excludes: ['*.md', 'tmp'] }],
    ['ADD --chown=app --checksum=sha256:abc --keep-git-dir=false https://x/y.tgz /opt/', {
      kind: 'ADD', sources: ['https://x/y.tgz'], inline: [], dest: '/opt/', chown: 'app', checksum: 'sha256:abc',
      keepGitDir: false, link: false, excludes: [] }],
    ['ADD --unpack a.tar /', { kind: 'ADD', sources: ['a.tar'], inline: [], dest: '/', unpack: true, link: false, excludes: [] }],
    ['RUN echo "$HOME" && ls', { kind: 'RUN', cmd: cmdLine(['echo "$HOME" && ls'], true), mounts: [], mountSpecs: [],
      network: 'default', security: 'sandbox', devices: [], flagsUsed: [] }],
    ['RUN ["/bin/echo", "a b"]', { kind: 'RUN', cmd: cmdLine(['/bin/echo', 'a b'], false), mounts: [], mountSpecs: [],
      network: 'default', security: 'sandbox', devices: [], flagsUsed: [] }],
    // A malformed JSON array falls back to the shell form, as docker does.
    ['RUN ["echo", bad]', { kind: 'RUN', cmd: cmdLine(['["echo", bad]'], true), mounts: [], mountSpecs: [],
      network: 'default', security: 'sandbox', devices: [], flagsUsed: [] }],
    ['CMD ["nginx", "-g", "daemon off;"]', { kind: 'CMD', cmd: cmdLine(['nginx', '-g', 'daemon off;'], false) }],
    ['CMD nginx -g "daemon off;"', { kind: 'CMD', cmd: cmdLine(['nginx -g "daemon off;"'], true) }],
    ["CMD ['single', 'quotes']", { kind: 'CMD', cmd: cmdLine(["['single', 'quotes']"], true) }],
    ['ENTRYPOINT ["/entry.sh"]', { kind: 'ENTRYPOINT', cmd: cmdLine(['/entry.sh'], false) }],
    ['ENTRYPOINT []', { kind: 'ENTRYPOINT', cmd: cmdLine([], false) }],
    ['ENTRYPOINT exec /bin/app', { kind: 'ENTRYPOINT', cmd: cmdLine(['exec /bin/app'], true) }],
    ['SHELL ["/bin/bash", "-eo", "pipefail", "-c"]', { kind: 'SHELL', shell: ['/bin/bash', '-eo', 'pipefail', '-c'] }],
    ['HEALTHCHECK NONE', { kind: 'HEALTHCHECK', health: { Test: ['NONE'] } }],
    ['HEALTHCHECK CMD curl -f http://localhost/', { kind: 'HEALTHCHECK', health: { Test: ['CMD-SHELL', 'curl -f http://localhost/'] } }],
    ['HEALTHCHECK --interval=1m30s --timeout=500ms --start-period=2s --start-interval=1.5s --retries=3 CMD ["/bin/check", "x"]', {
      kind: 'HEALTHCHECK', health: {
        Test: ['CMD', '/bin/check', 'x'], Interval: 90e9, Timeout: 500e6, StartPeriod: 2e9, StartInterval: 1.5e9, Retries: 3 } }],
    ['HEALTHCHECK --interval=0s CMD true', { kind: 'HEALTHCHECK', health: { Test: ['CMD-SHELL', 'true'] } }],
    ['ONBUILD RUN make', { kind: 'ONBUILD', expression: 'RUN make', trigger: 'RUN' }],
    ['onbuild copy --from=x a b', { kind: 'ONBUILD', expression: 'copy --from=x a b', trigger: 'COPY' }],
  ])('%s', (line, want) => {
    expect(one(line)).toEqual(want);
  });

  it('parses FROM with --platform and AS (stage names are lower-cased)', () => {
    const df = parseDockerfile('FROM --platform=$BUILDPLATFORM golang:1.22 AS Build\nFROM alpine\nFROM x as a-b_c.1\n');
    expect(df.stages.map((s) => [s.index, s.name, s.from.image, s.from.platform])).toEqual([
      [0, 'build', 'golang:1.22', '$BUILDPLATFORM'], [1, undefined, 'alpine', undefined], [2, 'a-b_c.1', 'x', undefined],
    ]);
  });

  it('parses RUN --mount options (the builder decides what it supports)', () => {
    const run = one('RUN --mount=type=cache,target=/root/.cache,id=go,sharing=locked,uid=1000,mode=0700 '
      + '--mount=type=secret,id=npmrc,target=/root/.npmrc,required --mount=type=tmpfs,target=/t,size=64m '
      + '--mount=type=bind,from=build,source=/out,target=/in,rw --network=none --security=insecure go build');
    expect(run.mounts).toEqual([
      { type: 'cache', target: '/root/.cache', cacheId: 'go', sharing: 'locked', uid: 1000, mode: 0o700, readOnly: false, required: false },
      { type: 'secret', cacheId: 'npmrc', target: '/root/.npmrc', readOnly: true, required: true },
      { type: 'tmpfs', target: '/t', sizeLimit: 64 * 1024 * 1024, readOnly: false, required: false },
      { type: 'bind', from: 'build', source: '/out', target: '/in', readOnly: false, required: false },
    ]);
    expect(run).toMatchObject({ network: 'none', security: 'insecure', cmd: cmdLine(['go build'], true) });
    expect(run.flagsUsed).toEqual(['mount', 'network', 'security']);
  });

  it('defers mounts that use variables to expansion, reading only from= at parse time', () => {
    const run = one('RUN --mount=type=$T,from=base,target=/x true');
    expect(run.mounts).toEqual([{ type: 'bind', from: 'base', readOnly: true, required: false }]);
    expect(run.mountSpecs).toEqual(['type=$T,from=base,target=/x']);
  });

  it('keeps the trimmed source text, keyword spelling and positions', () => {
    const df = parseDockerfile('FROM alpine\n\n  run  echo hi   \nCopy a \\\n  b\n');
    const [run, copy] = df.stages[0]!.instructions;
    expect(run).toMatchObject({ keyword: 'run', source: 'run  echo hi', location: { line: 3, column: 3, endLine: 3 } });
    expect(copy).toMatchObject({ keyword: 'Copy', source: 'Copy a   b', location: { line: 4, column: 1, endLine: 5 } });
  });

  it('puts ARGs before the first FROM in metaArgs and instructions in their stage', () => {
    const df = parseDockerfile('ARG V=1\nARG B\nFROM a:$V AS one\nRUN x\nFROM one\nARG V\nCOPY --from=one / /\n');
    expect(df.metaArgs.map((a) => a.args)).toEqual([[{ key: 'V', value: '1' }], [{ key: 'B' }]]);
    expect(df.stages.map((s) => s.instructions.map((i) => i.kind))).toEqual([['RUN'], ['ARG', 'COPY']]);
  });
});
