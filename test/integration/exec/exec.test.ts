/** The engine's exec API under conmon: output, exit codes, the process spec, failures, records. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../../src/engine/create-engine.js';
import { isEngineError } from '../../../src/lib/errors.js';
import { ExecFixture } from './exec-helper.js';

const fx = new ExecFixture();
let id: string;

beforeAll(async () => {
  await fx.setup();
  id = await fx.container('web', { Env: ['FROM_CTR=1', 'KEEP=yes'], WorkingDir: '/etc' }, { GroupAdd: ['daemon'] });
});
afterAll(async () => { await fx.cleanup(); });

const capEff = (text: string) => /^CapEff:\s*(\S+)/m.exec(text)?.[1];

describe('exec output and exit codes', () => {
  it('separates stdout and stderr and returns the exit code', async () => {
    const r = await fx.exec('web', { Cmd: ['sh', '-c', 'echo out; echo err >&2; exit 3'] });
    expect(r).toMatchObject({ code: 3, stdout: 'out\n', stderr: 'err\n' });
    const info = await fx.engine.execInspect(r.id);
    expect(info).toMatchObject({
      ID: r.id, Running: false, ExitCode: 3, ContainerID: id, OpenStdin: false, OpenStdout: true, OpenStderr: true,
      ProcessConfig: { entrypoint: 'sh', arguments: ['-c', 'echo out; echo err >&2; exit 3'], tty: false, privileged: false, user: '' },
    });
    expect(info.Pid).toBeGreaterThan(0);
  });

  it('feeds stdin when attached and closes it at the end', async () => {
    expect(await fx.exec('web', { Cmd: ['cat'] }, 'abc\n')).toMatchObject({ code: 0, stdout: 'abc\n' });
  });

  it('runs with the container env merged with -e, its workdir, -w, -u and --group-add', async () => {
    const env = await fx.exec('web', { Cmd: ['env'], Env: ['KEEP=override', 'NEW=2'] });
    const lines = env.stdout.trim().split('\n');
    expect(lines).toEqual(expect.arrayContaining(['FROM_CTR=1', 'KEEP=override', 'NEW=2', `HOSTNAME=${id.slice(0, 12)}`]));
    expect(lines.some((l) => l.startsWith('TERM='))).toBe(false); // only with a tty
    expect((await fx.exec('web', { Cmd: ['pwd'] })).stdout).toBe('/etc\n');
    expect((await fx.exec('web', { Cmd: ['pwd'], WorkingDir: '/tmp' })).stdout).toBe('/tmp\n');
    // groups: the user's own, then --group-add of the container (daemon = 1)
    expect((await fx.exec('web', { Cmd: ['id'], User: 'nobody' })).stdout).toBe('uid=65534(nobody) gid=65534(nogroup) groups=1(daemon),65534(nogroup)\n');
  });

  it('resolves users against the running container, so users added after start exist', async () => {
    await fx.exec('web', { Cmd: ['sh', '-c', 'echo "late:x:4321:4321::/:/bin/sh" >> /etc/passwd'] });
    expect((await fx.exec('web', { Cmd: ['id', '-u'], User: 'late' })).stdout).toBe('4321\n');
  });

  it('keeps the container capabilities, or all of them with privileged', async () => {
    const plain = capEff((await fx.exec('web', { Cmd: ['cat', '/proc/self/status'] })).stdout);
    const priv = capEff((await fx.exec('web', { Cmd: ['cat', '/proc/self/status'], Privileged: true })).stdout);
    expect(plain).toBe('00000000a80425fb'); // docker's 14 default capabilities
    expect(BigInt(`0x${priv}`)).toBeGreaterThan(BigInt(`0x${plain}`));
    expect(BigInt(`0x${priv}`) & BigInt('0x200000')).toBe(BigInt('0x200000')); // CAP_SYS_ADMIN
  });
});

describe('exec failures', () => {
  it('127 for a missing command, with the runtime text, recorded in the exec', async () => {
    const { Id } = await fx.engine.execCreate('web', { Cmd: ['nope'], AttachStdout: true });
    const err = await fx.engine.execStart(Id, { attach: { stdout: process.stdout } }).catch((e: unknown) => e);
    expect(isEngineError(err)).toBe(true);
    if (isEngineError(err)) {
      expect(err.detail?.exitCode).toBe(127);
      expect(err.message).toMatch(/^OCI runtime exec failed: .*exec: "nope": executable file not found in \$PATH: unknown$/);
    }
    expect(await fx.engine.execInspect(Id)).toMatchObject({ Running: false, ExitCode: 127 });
    const again = await fx.engine.execStart(Id).catch((e: unknown) => e);
    expect(isEngineError(again, 'CONFLICT') && again.message).toBe(`exec command ${Id} has already run`);
  });

  it('126 for a command that cannot be invoked', async () => {
    const { Id } = await fx.engine.execCreate('web', { Cmd: ['/etc'] });
    const err = await fx.engine.execStart(Id, { attach: {} }).catch((e: unknown) => e);
    expect(isEngineError(err) && err.detail?.exitCode).toBe(126);
    expect((await fx.engine.execInspect(Id)).ExitCode).toBe(126);
  });

  it('refuses unknown users, bad detach keys and an empty command at create', async () => {
    const user = await fx.engine.execCreate('web', { Cmd: ['true'], User: 'nobodyx' }).catch((e: unknown) => e);
    expect(isEngineError(user, 'INVALID_ARGUMENT') && user.message).toBe('unable to find user nobodyx: no matching entries in passwd file');
    const keys = await fx.engine.execCreate('web', { Cmd: ['true'], DetachKeys: 'ctrl-xx' }).catch((e: unknown) => e);
    expect(isEngineError(keys, 'INVALID_ARGUMENT') && keys.message).toBe('Invalid escape keys (ctrl-xx) provided');
    const empty = await fx.engine.execCreate('web', { Cmd: [] }).catch((e: unknown) => e);
    expect(isEngineError(empty, 'INVALID_ARGUMENT') && empty.message).toBe('No exec command specified');
  });

  it('unknown exec IDs are not found', async () => {
    const err = await fx.engine.execInspect('f'.repeat(64)).catch((e: unknown) => e);
    expect(isEngineError(err, 'NOT_FOUND') && err.message).toBe(`No such exec instance: ${'f'.repeat(64)}`);
  });

  it('refuses paused and stopped containers with docker messages', async () => {
    const other = await fx.container('other');
    const { Id } = await fx.engine.execCreate('other', { Cmd: ['true'] });
    await fx.engine.pauseContainer('other');
    const paused = await fx.engine.execCreate('other', { Cmd: ['true'] }).catch((e: unknown) => e);
    expect(isEngineError(paused, 'CONFLICT') && paused.message).toBe('Container other is paused, unpause the container before exec');
    await fx.engine.unpauseContainer('other');
    await fx.engine.stopContainer('other', { timeout: 0 });
    const stopped = await fx.engine.execCreate('other', { Cmd: ['true'] }).catch((e: unknown) => e);
    expect(isEngineError(stopped, 'CONFLICT') && stopped.message).toBe(`container ${other} is not running`);
    // an exec created while it ran cannot start once it stopped
    const start = await fx.engine.execStart(Id).catch((e: unknown) => e);
    expect(isEngineError(start, 'CONFLICT') && start.message).toBe(`container ${other} is not running`);
    await fx.engine.removeContainer('other');
    expect(isEngineError(await fx.engine.execInspect(Id).catch((e: unknown) => e), 'NOT_FOUND')).toBe(true);
  });
});

describe('exec records and events', () => {
  it('are visible to another engine on the same root, and events are docker-shaped', async () => {
    const { Id } = await fx.engine.execCreate('web', { Cmd: ['sh', '-c', 'exit 7'], AttachStdout: true });
    const other = await createEngine({ root: fx.root });
    expect(await other.execInspect(Id)).toMatchObject({ Running: false, ExitCode: null, ContainerID: id });
    const started = await fx.engine.execStart(Id, { attach: { stdout: process.stdout } });
    await started.attach!.done;
    expect(await other.execInspect(Id)).toMatchObject({ Running: false, ExitCode: 7 });
    await other.close();
    const mine = fx.events().filter((e) => e.Actor.Attributes.execID === Id);
    expect(mine.map((e) => e.Action)).toEqual(['exec_create: sh -c exit 7', 'exec_start: sh -c exit 7', 'exec_die']);
    expect(mine[2]!.Actor).toMatchObject({ ID: id, Attributes: { name: 'web', image: 'busybox', exitCode: '7', execID: Id } });
  });
});
