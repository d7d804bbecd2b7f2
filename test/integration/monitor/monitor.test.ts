/** conmon as the monitor: create → attach → start, exit files, logs, tty, stdin, create errors. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PassThrough, Readable } from 'node:stream';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { startMonitor } from '../../../src/runtime/monitor/start-monitor.js';
import { attach } from '../../../src/runtime/monitor/attach.js';
import { resize } from '../../../src/runtime/monitor/resize.js';
import { readExit, waitExit } from '../../../src/runtime/monitor/exit-file.js';
import { readLogs } from '../../../src/runtime/monitor/log-reader.js';
import { isEngineError } from '../../../src/lib/errors.js';
import type { LogEntry } from '../../../src/runtime/monitor/k8s-log.js';
import { collector, Fixture, until } from './bundle-helper.js';

let fx: Fixture;
beforeEach(() => { fx = new Fixture(); });
afterEach(async () => { await fx.cleanup(); });

async function allLogs(path: string): Promise<LogEntry[]> {
  const out: LogEntry[] = [];
  for await (const e of readLogs(path)) out.push(e);
  return out;
}

describe('conmon monitor', () => {
  it('separates stdout and stderr, records the exit code and k8s-file logs (deep bundle path)', async () => {
    const id = fx.id();
    // > 107 bytes: the attach socket is reached through /proc/self/fd, not its path.
    const bundle = fx.bundle(`${'d'.repeat(60)}/${'e'.repeat(60)}`, { args: ['sh', '-c', 'echo out; echo err >&2; exit 7'] });
    expect(join(bundle, 'attach').length).toBeGreaterThan(108);
    const marker = join(fx.dir, 'exit-command-ran');
    // conmon execv()s the exit command (absolute path, no PATH search) after writing the exit files.
    const opts = fx.monitorOptions(id, bundle, { exitCommand: { path: '/bin/sh', args: ['-c', `cat exits/${id} > ${marker}`] } });
    const mon = await startMonitor(opts);
    fx.trackPid(mon.conmonPid);
    expect(mon.containerPid).toBeGreaterThan(0);
    expect((await fx.runc.state(id))?.status).toBe('created');
    const out = collector();
    const err = collector();
    const session = await attach(mon.attachPath, { stdout: out.stream, stderr: err.stream });
    await fx.runc.start(id);
    expect(await session.done).toBe('eof');
    expect(out.text()).toBe('out\n');
    expect(err.text()).toBe('err\n');
    const exit = await waitExit(opts, id);
    expect(exit?.exitCode).toBe(7);
    expect(exit?.oomKilled).toBe(false);
    expect(Math.abs(exit!.finishedAt.getTime() - Date.now())).toBeLessThan(60_000);
    const logs = await allLogs(opts.logPath);
    expect(logs.map((e) => [e.stream, e.line.toString(), e.partial])).toEqual([
      ['stdout', 'out\n', false],
      ['stderr', 'err\n', false],
    ]);
    expect(logs[0]!.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}[+-]\d\d:\d\d$/);
    expect(existsSync(mon.attachPath)).toBe(false);
    await until(() => existsSync(marker) && readFileSync(marker, 'utf8') === '7', 5_000, 'exit command');
  });

  it('rotates with --log-size-max (truncate + rename) and a follower keeps up', async () => {
    const id = fx.id();
    const bundle = fx.bundle('rot', { args: ['sh', '-c', 'for i in $(seq 1 300); do echo "line $i"; done'] });
    const opts = fx.monitorOptions(id, bundle, { logSizeMax: 4096 });
    const mon = await startMonitor(opts);
    fx.trackPid(mon.conmonPid);
    const seen: number[] = [];
    const follower = (async () => {
      const stopWhen = async () => (await readExit(opts, id)) !== undefined;
      for await (const e of readLogs(opts.logPath, { follow: true, pollMs: 5, stopWhen })) seen.push(Number(e.line.toString().split(' ')[1]));
    })();
    await fx.runc.start(id);
    await follower;
    expect((await waitExit(opts, id))?.exitCode).toBe(0);
    const onDisk = await allLogs(opts.logPath);
    expect(statSync(opts.logPath).size).toBeLessThanOrEqual(4096);
    expect(onDisk.length).toBeLessThan(300);
    expect(onDisk.at(-1)?.line.toString()).toBe('line 300\n');
    // Rotations faster than our polling may skip a whole intermediate file, never reorder.
    expect(seen.at(-1)).toBe(300);
    expect(seen.every((n, i) => i === 0 || n > seen[i - 1]!)).toBe(true);
  });

  it('runs a tty shell: tty, resize through ctl, exit code', async () => {
    const id = fx.id();
    const bundle = fx.bundle('tty', { args: ['sh'], terminal: true });
    const opts = fx.monitorOptions(id, bundle, { terminal: true });
    const mon = await startMonitor(opts);
    fx.trackPid(mon.conmonPid);
    const out = collector();
    const stdin = new PassThrough();
    const session = await attach(mon.attachPath, { stdin, stdout: out.stream });
    await fx.runc.start(id);
    stdin.write('tty\n');
    await until(() => out.text().includes('/dev/pts/0'), 10_000, 'tty output');
    await resize(bundle, 40, 120);
    stdin.write('stty size\n');
    await until(() => out.text().includes('40 120'), 10_000, 'stty size');
    stdin.write('exit 3\n');
    expect(await session.done).toBe('eof');
    expect((await waitExit(opts, id))?.exitCode).toBe(3);
  });

  it('streams stdin and closes it on EOF (half-close), large input included', async () => {
    const id = fx.id();
    const bundle = fx.bundle('cat', { args: ['cat'] });
    const opts = fx.monitorOptions(id, bundle, { stdin: true });
    const mon = await startMonitor(opts);
    fx.trackPid(mon.conmonPid);
    const out = collector();
    // 200 KiB crosses conmon's 32 KiB packet limit several times.
    const big = Buffer.alloc(200 * 1024, 'x');
    big[big.length - 1] = 0x0a;
    const session = await attach(mon.attachPath, { stdin: Readable.from([Buffer.from('hello\n'), big]), stdout: out.stream });
    await fx.runc.start(id);
    expect(await session.done).toBe('eof');
    expect(out.text().length).toBe(6 + big.length);
    expect(out.text().startsWith('hello\nxxx')).toBe(true);
    expect((await waitExit(opts, id))?.exitCode).toBe(0);
  });

  it('reports a create error with exit code 127 and runc\'s message', async () => {
    const id = fx.id();
    const bundle = fx.bundle('bad', { args: ['/nonexistent'] });
    const err = await startMonitor(fx.monitorOptions(id, bundle)).catch((e: unknown) => e);
    expect(isEngineError(err, 'INVALID_ARGUMENT')).toBe(true);
    if (!isEngineError(err)) return;
    expect(err.detail?.exitCode).toBe(127);
    expect(err.message).toContain('/nonexistent');
    expect(err.message).toContain('no such file or directory');
    expect(await fx.runc.state(id)).toBeUndefined();
    expect(existsSync(join(bundle, 'attach'))).toBe(false);
  });

  it('reports conmon\'s own failures with its message', async () => {
    const id = fx.id();
    const bundle = fx.bundle('nolog', { args: ['true'] });
    const err = await startMonitor(fx.monitorOptions(id, bundle, { logPath: join(fx.dir, 'missing', 'ctr.log') })).catch((e: unknown) => e);
    expect(isEngineError(err, 'INTERNAL')).toBe(true);
    if (isEngineError(err)) expect(err.message).toMatch(/^conmon: .*log file/i);
  });

  it('refuses to attach when no monitor runs', async () => {
    const err = await attach(join(fx.dir, 'nothing', 'attach'), {}).catch((e: unknown) => e);
    expect(isEngineError(err, 'CONFLICT')).toBe(true);
  });
});
