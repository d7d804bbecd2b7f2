/** exec into a running container: conmon exec sessions (attach before start) and foreground runc exec. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { startMonitor, type MonitorInfo, type StartMonitorOptions } from '../../../src/runtime/monitor/start-monitor.js';
import { execWithMonitor, type ExecMonitorOptions } from '../../../src/runtime/monitor/exec-monitor.js';
import { attach, type AttachSession } from '../../../src/runtime/monitor/attach.js';
import { resize } from '../../../src/runtime/monitor/resize.js';
import { readExit } from '../../../src/runtime/monitor/exit-file.js';
import { isEngineError } from '../../../src/lib/errors.js';
import { collector, Fixture, RUNC, until } from './bundle-helper.js';

let fx: Fixture;
let id: string;
let opts: StartMonitorOptions;
let mon: MonitorInfo;

beforeAll(async () => {
  fx = new Fixture();
  id = fx.id();
  opts = fx.monitorOptions(id, fx.bundle('main', { args: ['sleep', '1000'] }));
  mon = await startMonitor(opts);
  fx.trackPid(mon.conmonPid);
  await fx.runc.start(id);
});
afterAll(async () => { await fx.cleanup(); });

function session(name: string, args: string[], terminal: boolean, stdin: boolean): ExecMonitorOptions {
  const dir = join(fx.dir, 'exec', name);
  return {
    id, uuid: name, bundleDir: dir, exitDir: join(dir, 'exits'), persistDir: join(dir, 'persist'),
    runtimeRoot: fx.runc.root, runtimePath: RUNC, terminal, stdin, process: fx.processSpec(args, terminal),
  };
}

describe('exec under conmon', () => {
  it('separates streams, feeds stdin and returns the exit code', async () => {
    const out = collector();
    const err = collector();
    let att: AttachSession | undefined;
    const s = session('e1', ['sh', '-c', 'echo hi; echo ho >&2; read x; echo got $x; exit 5'], false, true);
    const ex = await execWithMonitor(s, async ({ attachPath }) => {
      att = await attach(attachPath, { stdin: Readable.from(['abc\n']), stdout: out.stream, stderr: err.stream });
    });
    fx.trackPid(ex.conmonPid);
    expect(ex.pid).toBeGreaterThan(0);
    expect(await ex.exitCode).toBe(5);
    expect(await att!.done).toBe('eof');
    expect(out.text()).toBe('hi\ngot abc\n');
    expect(err.text()).toBe('ho\n');
    expect((await readExit(s, id))?.exitCode).toBe(5);
    expect((await fx.runc.state(id))?.status).toBe('running');
  });

  it('runs a tty session with resize', async () => {
    const out = collector();
    const stdin = new PassThrough();
    let att: AttachSession | undefined;
    const s = session('e2', ['sh'], true, true);
    const ex = await execWithMonitor(s, async ({ attachPath }) => {
      att = await attach(attachPath, { stdin, stdout: out.stream });
    });
    fx.trackPid(ex.conmonPid);
    stdin.write('tty\n');
    await until(() => /\/dev\/pts\/\d+/.test(out.text()), 5_000, 'tty');
    await resize(s.bundleDir, 30, 100);
    stdin.write('stty size\n');
    await until(() => out.text().includes('30 100'), 5_000, 'stty size');
    stdin.write('exit 4\n');
    expect(await ex.exitCode).toBe(4);
    expect(await att!.done).toBe('eof');
  });

  it('classifies a missing executable as 127', async () => {
    const err = await execWithMonitor(session('e3', ['/nope'], false, false), async () => undefined).catch((e: unknown) => e);
    expect(isEngineError(err, 'INVALID_ARGUMENT')).toBe(true);
    if (isEngineError(err)) expect(err.detail?.exitCode).toBe(127);
  });
});

describe('foreground runc exec', () => {
  it('returns the exit code and output', async () => {
    const p = fx.runc.exec(id, { args: ['sh', '-c', 'echo fg; exit 2'] });
    const out = collector();
    p.child.stdout!.pipe(out.stream);
    expect(await p.exited).toBe(2);
    expect(out.text()).toBe('fg\n');
  });

  it('classifies runc failures', async () => {
    const p = fx.runc.exec(id, { args: ['nope'] });
    p.child.stderr!.resume();
    const err = await p.exited.catch((e: unknown) => e);
    expect(isEngineError(err, 'INVALID_ARGUMENT')).toBe(true);
    if (isEngineError(err)) {
      expect(err.detail?.exitCode).toBe(127);
      expect(err.message).toContain('executable file not found');
    }
  });
});
