import { describe, expect, it } from 'vitest';
import {
  expandInstruction, parseDockerfile, platformArgs, resolveMetaArgs, StageVars, unusedBuildArgs, varsOf,
} from '../../../src/build/dockerfile/index.js';
import type { ArgInstruction, Instruction } from '../../../src/build/dockerfile/index.js';

const VARS = varsOf({ B: 'bee', D: 'dee', PORTS: '80  443/udp', T: 'cache', DIR: '/c', EMPTY: '', U: 'app' });

function expanded(line: string, escape = '\\'): Record<string, unknown> {
  const df = parseDockerfile(`${escape === '`' ? '# escape=`\n' : ''}FROM scratch\n${line}\n`);
  const out = expandInstruction(df.stages[0]!.instructions[0]!, VARS, { escape: df.escape });
  const { keyword: _k, location: _l, source: _s, ...rest } = out as Instruction & Record<string, unknown>;
  return rest;
}

describe('expandInstruction: where docker substitutes', () => {
  it.each<[string, Record<string, unknown>]>([
    ['ENV A="x $B" C=${D:-d} \'$E\'=lit', { pairs: [
      { key: 'A', value: 'x bee', legacy: false }, { key: 'C', value: 'dee', legacy: false }, { key: '$E', value: 'lit', legacy: false }] }],
    ['ENV LEGACY "quoted $B" rest', { pairs: [{ key: 'LEGACY', value: 'quoted bee rest', legacy: true }] }],
    ['LABEL "k $B"=${MISSING:-none}', { pairs: [{ key: 'k bee', value: 'none', legacy: false }] }],
    ['WORKDIR /srv/$B', { path: '/srv/bee' }],
    ['USER ${U}:${U}', { user: 'app:app' }],
    ['STOPSIGNAL SIG${MISSING:-TERM}', { signal: 'SIGTERM' }],
    ['VOLUME ["/v/$B", "/w"]', { paths: ['/v/bee', '/w'] }],
    ['EXPOSE $PORTS 8080', { ports: ['80', '443/udp', '8080'] }],
    ['COPY --chown=$U:$U --chmod=${EMPTY:-644} ["src $B", "/dst/$D"]', {
      sources: ['src bee'], dest: '/dst/dee', chown: 'app:app', chmod: '644' }],
    // Shell form splits on whitespace first: an escaped space does not join words (docker too).
    ['COPY src\\ $B /d/', { sources: ['src', 'bee'], dest: '/d/' }],
    ['ADD --checksum=sha256:$D x /', { checksum: 'sha256:dee', sources: ['x'] }],
  ])('%s', (line, want) => {
    expect(expanded(line)).toMatchObject(want);
  });

  it.each([
    'RUN echo $B "${D}"', 'CMD echo $B', 'ENTRYPOINT ["echo", "$B"]', 'HEALTHCHECK CMD test $B',
    'ONBUILD RUN echo $B', 'MAINTAINER $B', 'SHELL ["/bin/sh", "-c", "$B"]',
    // ARG defaults are expanded once, by StageVars.declare.
    'ARG X=$B Y',
  ])('leaves %s verbatim', (line) => {
    const df = parseDockerfile(`FROM scratch\n${line}\n`);
    const instr = df.stages[0]!.instructions[0]!;
    expect(expandInstruction(instr, VARS)).toEqual(instr);
  });

  it('expands COPY heredoc bodies unless the delimiter was quoted, keeping quotes', () => {
    const out = expanded('COPY <<A <<"B" /x/\n"$B" \\$D\nA\n$B\nB') as { inline: unknown[] };
    expect(out.inline).toEqual([{ name: 'A', data: '"bee" $D\n', expand: true }, { name: 'B', data: '$B\n', expand: false }]);
  });

  it('completes and validates RUN mounts with variables', () => {
    expect(expanded('RUN --mount=type=$T,target=$DIR,id=${D} true')).toMatchObject({
      mounts: [{ type: 'cache', target: '/c', cacheId: 'dee', readOnly: false }], cmd: { args: ['true'] },
    });
    expect(() => expanded('RUN --mount=type=${MISSING:-bogus} true')).toThrow('unsupported mount type "bogus"');
    expect(() => expanded('RUN --mount=type=cache,colour=red true')).toThrow("unexpected key 'colour' in 'colour=red'");
    expect(() => expanded('RUN --mount=type=bind,uid=1 true')).toThrow('uid not allowed for "bind" type mounts');
  });

  it('honours the backtick escape', () => {
    expect(expanded('WORKDIR C:\\\\x`$B', '`')).toMatchObject({ path: 'C:\\\\x$B' });
  });

  it('fails with docker\'s message on bad substitutions', () => {
    expect(() => expanded('WORKDIR ${B')).toThrow('failed to process "${B": unsupported modifier (\uFFFD) in substitution');
    expect(() => expanded('WORKDIR ${B:-x')).toThrow('failed to process "${B:-x": syntax error: missing \'}\'');
    // Shell-form COPY splits on whitespace before expansion, so quotes cannot hold spaces (as in docker).
    expect(() => expanded('COPY "a b" /d/')).toThrow('failed to process "\\"a": unexpected end of statement while looking for matching double-quote');
    expect(() => expanded('USER ${NOPE:?must be set}')).toThrow('NOPE: must be set');
  });
});

describe('ARG scoping', () => {
  const text = [
    'ARG VERSION=1.0', 'ARG BASE=alpine:${VERSION}', 'ARG NODEFAULT',
    'FROM ${BASE} AS build', 'ARG VERSION', 'ARG OTHER=x-${VERSION}-${BASE}', 'ENV VERSION=env', 'ARG VERSION',
  ].join('\n');
  const df = parseDockerfile(text);
  const args = df.stages[0]!.instructions.filter((i): i is ArgInstruction => i.kind === 'ARG');

  it('resolves meta args in order, with build-arg overrides and platform defaults', () => {
    expect([...resolveMetaArgs(df).values].filter(([k]) => !k.startsWith('BUILD') && !k.startsWith('TARGET')))
      .toEqual([['VERSION', '1.0'], ['BASE', 'alpine:1.0']]);
    const meta = resolveMetaArgs(df, { buildArgs: { VERSION: '2', NODEFAULT: 'given' } });
    expect([meta.get('VERSION'), meta.get('BASE'), meta.get('NODEFAULT'), meta.get('TARGETARCH')]).toEqual(['2', 'alpine:2', 'given', 'amd64']);
  });

  it('hides meta args inside a stage until redeclared; ENV wins over ARG', () => {
    const meta = resolveMetaArgs(df);
    const vars = new StageVars({ meta, env: ['PATH=/bin'] });
    expect(vars.get('VERSION')).toBeUndefined();
    expect(vars.get('BASE')).toBeUndefined();
    expect(vars.declare(args[0]!)).toEqual([{ key: 'VERSION', value: '1.0' }]);
    expect(vars.get('VERSION')).toBe('1.0');
    // A default sees what is visible: VERSION yes, BASE (not redeclared) no.
    expect(vars.declare(args[1]!)).toEqual([{ key: 'OTHER', value: 'x-1.0-' }]);
    vars.setEnv('VERSION', 'env');
    vars.declare(args[2]!);
    expect(vars.get('VERSION')).toBe('env');
    // An ENV's values see the variables from before it.
    const env = expandInstruction(parseDockerfile('FROM a\nENV VERSION=new OLD=$VERSION\n').stages[0]!.instructions[0]!, vars);
    expect(env).toMatchObject({ pairs: [{ key: 'VERSION', value: 'new' }, { key: 'OLD', value: 'env' }] });
    expect(vars.env()).toEqual(['PATH=/bin', 'VERSION=env']);
    expect(vars.runArgs()).toEqual(['OTHER=x-1.0-']);
  });

  it('gives --build-arg values precedence over defaults', () => {
    const vars = new StageVars({ meta: resolveMetaArgs(df), buildArgs: { OTHER: 'cli', VERSION: '9' } });
    vars.declare(args[0]!);
    expect(vars.declare(args[1]!)).toEqual([{ key: 'OTHER', value: 'cli' }]);
    expect(vars.get('VERSION')).toBe('9');
    expect(vars.cacheArgs()).toEqual(['OTHER=cli', 'VERSION=9']);
  });

  it('leaves an arg without any value unset', () => {
    const d = parseDockerfile('FROM a\nARG NOVALUE\n');
    const vars = new StageVars({ meta: resolveMetaArgs(d) });
    expect(vars.declare(d.stages[0]!.instructions[0] as ArgInstruction)).toEqual([{ key: 'NOVALUE' }]);
    expect(vars.get('NOVALUE')).toBeUndefined();
  });

  it('makes proxy args usable undeclared, but keeps them out of the cache key', () => {
    const d = parseDockerfile('FROM a\nARG https_proxy\n');
    const vars = new StageVars({ meta: resolveMetaArgs(d), buildArgs: { HTTP_PROXY: 'http://p:3128', https_proxy: 'http://s' } });
    expect(vars.get('HTTP_PROXY')).toBe('http://p:3128');
    vars.declare(d.stages[0]!.instructions[0] as ArgInstruction);
    expect(vars.runArgs()).toEqual(['HTTP_PROXY=http://p:3128', 'https_proxy=http://s']);
    expect(vars.cacheArgs()).toEqual(['https_proxy=http://s']);
  });

  it('provides BuildKit\'s automatic platform args, visible in a stage only after ARG', () => {
    const d = parseDockerfile('FROM --platform=$BUILDPLATFORM img AS b\nARG TARGETARCH\nARG TARGETVARIANT\n');
    const meta = resolveMetaArgs(d, { platform: { os: 'linux', architecture: 'arm', variant: 'v7' }, buildPlatform: { os: 'linux', architecture: 'amd64' }, target: 'b' });
    expect(Object.fromEntries(meta.values)).toEqual({
      BUILDPLATFORM: 'linux/amd64', BUILDOS: 'linux', BUILDOSVERSION: '', BUILDARCH: 'amd64', BUILDVARIANT: '',
      TARGETPLATFORM: 'linux/arm/v7', TARGETOS: 'linux', TARGETOSVERSION: '', TARGETARCH: 'arm', TARGETVARIANT: 'v7', TARGETSTAGE: 'b',
    });
    expect(expandInstruction(d.stages[0]!.from, meta).platform).toBe('linux/amd64');
    const vars = new StageVars({ meta });
    expect(vars.get('TARGETARCH')).toBeUndefined();
    for (const a of d.stages[0]!.instructions) vars.declare(a as ArgInstruction);
    expect([vars.get('TARGETARCH'), vars.get('TARGETVARIANT')]).toEqual(['arm', 'v7']);
    expect(platformArgs().get('TARGETPLATFORM')).toBe('linux/amd64');
    expect(platformArgs({ buildArgs: { TARGETARCH: 'riscv64' } }).get('TARGETARCH')).toBe('riscv64');
  });

  it('lists build args nothing consumed, ignoring proxy and platform args', () => {
    const meta = resolveMetaArgs(df);
    const vars = new StageVars({ meta });
    vars.declare(args[0]!);
    const consumed = [...meta.declared, ...vars.consumed];
    expect(unusedBuildArgs({ VERSION: '1', TYPO: 'x', HTTP_PROXY: 'p', TARGETOS: 'linux', ZED: '' }, consumed)).toEqual(['TYPO', 'ZED']);
  });
});
