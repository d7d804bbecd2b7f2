import { describe, expect, it, vi } from 'vitest';
import type { CommandDef } from '../../../src/cli/command.js';
import type { Engine } from '../../../src/engine/engine.js';
import { runCli } from '../../../src/cli/run-cli.js';
import { versionCommand } from '../../../src/cli/commands/version.js';
import { EngineError, notFound } from '../../../src/lib/errors.js';
import { fakeIO, imagesDef, seen, TABLE } from './fixtures.js';

const failing = (name: string, err: unknown): CommandDef => ({
  path: [name], usage: '', description: `fails with ${name}`, flags: [], run: async () => { throw err; },
});

function fakeEngine() {
  const engine = { close: vi.fn(async () => undefined), version: vi.fn() } as unknown as Engine & { close: ReturnType<typeof vi.fn> };
  return { engine, create: vi.fn(async () => engine) };
}

async function cli(argv: string[], opts: { env?: NodeJS.ProcessEnv; table?: CommandDef[]; signal?: AbortSignal } = {}) {
  const io = fakeIO(opts.env);
  const { create, engine } = fakeEngine();
  const code = await runCli(argv, {
    io, createEngine: create, table: opts.table ?? [...TABLE, versionCommand], signal: opts.signal,
    receivedSignal: () => 'SIGINT',
  });
  return { code, out: io.out(), err: io.err(), create, engine };
}

describe('docker v28 usage errors', () => {
  const cases: [string, number, string][] = [
    ['foo', 1, "berth: unknown command: berth foo\n\nRun 'berth --help' for more information\n"],
    ['images --foo', 125, "unknown flag: --foo\n\nUsage:  berth images [OPTIONS] [REPOSITORY[:TAG]]\n\nRun 'berth images --help' for more information\n"],
    ['images -az', 125, "unknown shorthand flag: 'z' in -z\n\nUsage:  berth images [OPTIONS] [REPOSITORY[:TAG]]\n\nRun 'berth images --help' for more information\n"],
    ['image list --foo', 125, "unknown flag: --foo\n\nUsage:  berth image ls [OPTIONS] [REPOSITORY[:TAG]]\n\nRun 'berth image ls --help' for more information\n"],
    ['logs --tail', 125, "flag needs an argument: --tail\n\nUsage:  berth logs [OPTIONS] CONTAINER\n\nRun 'berth logs --help' for more information\n"],
    ['ps -n x', 125, 'invalid argument "x" for "-n, --last" flag: strconv.ParseInt: parsing "x": invalid syntax\n\nUsage:  berth ps [OPTIONS]\n\nRun \'berth ps --help\' for more information\n'],
    ['tag', 1, "berth: 'berth tag' requires 2 arguments\n\nUsage:  berth tag SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]\n\nRun 'berth tag --help' for more information\n"],
    ['tag a', 1, "berth: 'berth tag' requires 2 arguments\n\nUsage:  berth tag SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]\n\nRun 'berth tag --help' for more information\n"],
    ['rmi', 1, "berth: 'berth rmi' requires at least 1 argument\n\nUsage:  berth rmi [OPTIONS] IMAGE [IMAGE...]\n\nSee 'berth rmi --help' for more information\n"],
    ['images a b', 1, "berth: 'berth images' requires at most 1 argument\n\nUsage:  berth images [OPTIONS] [REPOSITORY[:TAG]]\n\nSRun 'berth images --help' for more information\n"],
    ['commit', 1, "berth: 'berth commit' requires at least 1 and at most 2 arguments\n\nUsage:  berth commit [OPTIONS] CONTAINER [REPOSITORY[:TAG]]\n\nRun 'berth commit --help' for more information\n"],
    ['container ls x', 1, "berth: 'berth container ls' accepts no arguments\n\nUsage:  berth container ls [OPTIONS]\n\nRun 'berth container ls --help' for more information\n"],
    ['image foo bar', 1, "berth: unknown command: berth image foo\n\nUsage:  berth image\n\nRun 'berth image --help' for more information\n"],
    ['image --foo', 125, "unknown flag: --foo\n\nUsage:  berth image\n\nRun 'berth image --help' for more information\n"],
    ['--foo', 125, "unknown flag: --foo\n\nUsage:  berth [OPTIONS] COMMAND [ARG...]\n\nRun 'berth --help' for more information\n"],
    ['--log-level', 125, "flag needs an argument: --log-level\n\nUsage:  berth [OPTIONS] COMMAND [ARG...]\n\nRun 'berth --help' for more information\n"],
    ['--log-level foo images', 1, 'Unable to parse logging level: foo\n'],
    ['-H a -H b images', 1, 'Specify only one -H\n'],
    ['help foo', 1, 'unknown help topic: foo\n'],
    ['help image foo', 1, 'unknown help topic: foo\n'],
    ['images -f', 125, "flag needs an argument: 'f' in -f\n\nUsage:  berth images [OPTIONS] [REPOSITORY[:TAG]]\n\nRun 'berth images --help' for more information\n"],
  ];
  it.each(cases)('berth %s', async (line, code, err) => {
    const r = await cli(line.split(' '));
    expect(r.err).toBe(err);
    expect(r.out).toBe('');
    expect(r.code).toBe(code);
  });
});

describe('help', () => {
  it('no arguments: root help on stderr, exit 0', async () => {
    const r = await cli([]);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/^Usage: {2}berth \[OPTIONS\] COMMAND\n/);
    expect(r.out).toBe('');
  });
  it('--help: root help on stdout', async () => {
    const r = await cli(['--help']);
    expect([r.code, r.err]).toEqual([0, '']);
    expect(r.out).toContain('Management Commands:\n');
  });
  it('a group alone prints its help on stderr, --help on stdout', async () => {
    const alone = await cli(['image']);
    expect([alone.code, alone.out]).toEqual([0, '']);
    expect(alone.err).toMatch(/^Usage: {2}berth image COMMAND\n\nManage images\n\nCommands:\n {2}ls {10}List images\n/);
    const help = await cli(['image', '--help']);
    expect([help.code, help.err, help.out]).toEqual([0, '', alone.err]);
    expect((await cli(['help', 'image'])).out).toBe(alone.err);
  });
  it('verb --help wins over argument checks and never builds an engine', async () => {
    const r = await cli(['tag', '--help']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Usage: {2}berth tag SOURCE_IMAGE/);
    expect(r.create).not.toHaveBeenCalled();
    expect((await cli(['--help', 'tag'])).out).toBe(r.out);
    expect((await cli(['help', 'tag'])).out).toBe(r.out);
  });
  it('-h works with docker deprecation notice', async () => {
    const r = await cli(['images', '-h']);
    expect(r.out).toMatch(/^Flag shorthand -h has been deprecated, use --help\nUsage: {2}berth images/);
  });
  it('-v prints the version line', async () => {
    const r = await cli(['-v']);
    expect(r.out).toMatch(/^berth version \d+\.\d+\.\d+, build \S+\n$/);
    expect(r.code).toBe(0);
  });
});

describe('resolution and context', () => {
  it.each([['images'], ['image', 'ls'], ['image', 'list']])('%j runs image ls', async (...argv) => {
    const r = await cli([...argv, '-a', 'busybox']);
    expect(r.code).toBe(0);
    expect(seen.ctx?.flags.all).toBe(true);
    expect(seen.ctx?.args).toEqual(['busybox']);
    expect(seen.ctx?.path).toEqual(argv[0] === 'images' ? ['images'] : ['image', 'ls']);
  });
  it('group flags before the sub-verb are handed to it', async () => {
    await cli(['image', '-q', 'ls']);
    expect(seen.ctx?.flags.quiet).toBe(true);
  });
  it('global flags and environment', async () => {
    await cli(['--root', '/x', '-D', 'images']);
    expect(seen.ctx?.globals).toMatchObject({ root: '/x', 'log-level': 'debug', debug: true });
    await cli(['images'], { env: { BERTH_ROOT: '/env', DOCKER_HOST: 'unix:///d.sock' } });
    expect(seen.ctx?.globals).toMatchObject({ root: '/env', 'log-level': 'info', host: 'unix:///d.sock' });
    await cli(['images']);
    expect(seen.ctx?.globals.root).toBe('/var/lib/berth');
  });
  it('a localEngine verb (serve) gets the embedded engine even with DOCKER_HOST set', async () => {
    const local: CommandDef = { path: ['srv'], usage: '', description: 'x', flags: [], localEngine: true, run: async (ctx) => { await ctx.engine(); return 0; } };
    const remote: CommandDef = { ...local, path: ['rem'], localEngine: undefined };
    const env = { BERTH_ROOT: '/env', DOCKER_HOST: 'unix:///d.sock' };
    const a = await cli(['srv'], { env, table: [local, remote] });
    expect(a.create.mock.calls[0]![0]).toMatchObject({ root: '/env', host: undefined });
    const b = await cli(['rem'], { env, table: [local, remote] });
    expect(b.create.mock.calls[0]![0]).toMatchObject({ host: 'unix:///d.sock' });
  });
  it('run stops at the image', async () => {
    await cli(['run', '-it', 'alpine', 'ls', '-la']);
    expect(seen.ctx?.flags).toMatchObject({ interactive: true, tty: true });
    expect(seen.ctx?.args).toEqual(['alpine', 'ls', '-la']);
  });
  it('verbs global flags are not accepted after the verb (docker root flags are local)', async () => {
    expect((await cli(['images', '-D'])).code).toBe(125);
  });
});

describe('errors and exit codes', () => {
  const table = [
    failing('nf', notFound('No such image: x:latest')),
    failing('code', new EngineError('INVALID_ARGUMENT', 'bad', { detail: { exitCode: 125 } })),
    failing('raw', new EngineError('INVALID_ARGUMENT', 'requested load from a terminal', { detail: { raw: true } })),
    failing('cancel', new EngineError('CANCELED', 'canceled')),
    failing('boom', new Error('boom')),
    failing('eacces', Object.assign(new Error('open /x: permission denied'), { code: 'EACCES' })),
  ];
  it.each([
    ['nf', 1, 'Error response from daemon: No such image: x:latest\n'],
    ['code', 125, 'Error response from daemon: bad\n'],
    ['raw', 1, 'requested load from a terminal\n'],
    ['cancel', 0, ''],
    ['boom', 125, 'berth: internal error: boom\n'],
    ['eacces', 1, 'open /x: permission denied\n'],
  ])('%s → %i', async (verb, code, err) => {
    const r = await cli([verb], { table });
    expect([r.code, r.err]).toEqual([code, err]);
  });
  it('internal errors show a stack in debug mode', async () => {
    const r = await cli(['-D', 'boom'], { table });
    expect(r.err).toMatch(/^berth: internal error: boom\nError: boom\n {4}at /);
  });
  it('a signal turns the failure into a silent 128+n', async () => {
    const ac = new AbortController();
    ac.abort();
    const r = await cli(['nf'], { table, signal: ac.signal });
    expect([r.code, r.err]).toEqual([130, '']);
  });
  it('the engine is built lazily, once, and closed', async () => {
    const def: CommandDef = {
      path: ['twice'], usage: '', description: '', flags: [],
      run: async (ctx) => ((await ctx.engine()) === (await ctx.engine()) ? 0 : 1),
    };
    const r = await cli(['twice'], { table: [def] });
    expect(r.code).toBe(0);
    expect(r.create).toHaveBeenCalledTimes(1);
    expect(r.engine.close).toHaveBeenCalledTimes(1);
    const none = await cli(['images']);
    expect(none.create).not.toHaveBeenCalled();
  });
});

it('fixture sanity', () => expect(imagesDef.path).toEqual(['image', 'ls']));
