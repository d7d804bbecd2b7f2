/** exec with a tty (size, resize, TERM, detach keys) and detached execs recorded without a watcher. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import { ExecFixture, collect, until } from './exec-helper.js';

const fx = new ExecFixture();

beforeAll(async () => {
  await fx.setup();
  await fx.container('web');
});
afterAll(async () => { await fx.cleanup(); });

describe('exec with a tty', () => {
  it('starts at the console size, resizes, and returns the exit code', async () => {
    const { Id } = await fx.engine.execCreate('web', { Cmd: ['sh'], Tty: true, AttachStdin: true, AttachStdout: true, AttachStderr: true, ConsoleSize: [30, 100] });
    const stdin = new PassThrough();
    const out = collect();
    const started = await fx.engine.execStart(Id, { attach: { stdin, stdout: out.stream, stderr: out.stream } });
    stdin.write('tty; stty size; echo $TERM\n');
    await until(() => /\/dev\/pts\/\d+\r\n30 100\r\nxterm\r\n/.test(out.text()), 10_000, `tty output in ${JSON.stringify(out.text())}`);
    expect(await fx.engine.execInspect(Id)).toMatchObject({ Running: true, ExitCode: null, ProcessConfig: { tty: true } });
    await fx.engine.execResize(Id, 40, 120);
    stdin.write('stty size\n');
    await until(() => out.text().includes('40 120'), 10_000, 'resized stty size');
    stdin.write('exit 4\n');
    expect(await started.attach!.done).toBe('eof');
    expect(await fx.engine.execInspect(Id)).toMatchObject({ Running: false, ExitCode: 4 });
  });

  it('detaches with the detach keys and leaves the process running', async () => {
    const { Id } = await fx.engine.execCreate('web', { Cmd: ['sh'], Tty: true, AttachStdin: true, AttachStdout: true, DetachKeys: 'ctrl-a,x' });
    const stdin = new PassThrough();
    const out = collect();
    let detached = false;
    const started = await fx.engine.execStart(Id, { attach: { stdin, stdout: out.stream, onDetach: () => { detached = true; } } });
    stdin.write('echo ready\n');
    await until(() => out.text().includes('ready\r\n'), 10_000, 'ready');
    stdin.write(Buffer.from([1, 'x'.charCodeAt(0)]));
    expect(await started.attach!.done).toBe('detached');
    expect(detached).toBe(true);
    expect((await fx.engine.execInspect(Id)).Running).toBe(true);
    expect(fx.events().filter((e) => e.Actor.Attributes.execID === Id).map((e) => e.Action)).toEqual(['exec_create: sh ', 'exec_start: sh ', 'exec_detach']);
  });
});

describe('detached exec', () => {
  it('returns at once; the exit is recorded once, with exec_die, though nobody waits', async () => {
    const { Id } = await fx.engine.execCreate('web', { Cmd: ['sh', '-c', 'sleep 0.5; exit 5'] });
    const t0 = Date.now();
    expect(await fx.engine.execStart(Id, { detach: true })).toEqual({});
    expect(Date.now() - t0).toBeLessThan(400);
    expect(await fx.engine.execInspect(Id)).toMatchObject({ Running: true, ExitCode: null });
    const done = await until(async () => { const i = await fx.engine.execInspect(Id); return i.Running ? undefined : i; }, 10_000, 'exec exit');
    expect(done.ExitCode).toBe(5);
    // conmon's exit command may record it too: still one exec_die
    await new Promise((r) => setTimeout(r, 1500));
    const dies = fx.events().filter((e) => e.Action === 'exec_die' && e.Actor.Attributes.execID === Id);
    expect(dies).toHaveLength(1);
    expect(dies[0]!.Actor.Attributes.exitCode).toBe('5');
  });
});
