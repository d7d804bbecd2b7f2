/** The runc adapter: lifecycle calls and error classification against runc 1.1.5. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMonitor, type MonitorInfo, type StartMonitorOptions } from '../../../src/runtime/monitor/start-monitor.js';
import { waitExit } from '../../../src/runtime/monitor/exit-file.js';
import { isEngineError } from '../../../src/lib/errors.js';
import { Fixture } from './bundle-helper.js';

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
});
afterAll(async () => { await fx.cleanup(); });

const code = async (p: Promise<unknown>) => {
  const err = await p.then(() => undefined, (e: unknown) => e);
  return isEngineError(err) ? err.code : err;
};

describe('Runc', () => {
  it('walks created → running → paused → running → stopped', async () => {
    expect((await fx.runc.state(id))?.status).toBe('created');
    await fx.runc.start(id);
    const st = await fx.runc.state(id);
    expect(st?.status).toBe('running');
    expect(st?.pid).toBe(mon.containerPid);
    expect(await fx.runc.ps(id)).toContain(mon.containerPid);
    expect((await fx.runc.list()).map((s) => s.id)).toContain(id);
    const stats = await fx.runc.stats(id);
    expect(typeof stats.memory?.usage?.usage).toBe('number');
    await fx.runc.pause(id);
    expect((await fx.runc.state(id))?.status).toBe('paused');
    expect(await code(fx.runc.pause(id))).toBe('CONFLICT');
    await fx.runc.resume(id);
    expect(await code(fx.runc.resume(id))).toBe('CONFLICT');
    // SIGTERM would be ignored: sleep is pid 1 of its namespace and has no handler.
    await fx.runc.kill(id, 'KILL', { all: true });
    expect((await waitExit(opts, id))?.exitCode).toBe(137);
    expect((await fx.runc.state(id))?.status).toBe('stopped');
    expect(await code(fx.runc.kill(id, 'KILL'))).toBe('CONFLICT');
    expect(await code(fx.runc.start(id))).toBe('CONFLICT');
    await fx.runc.delete(id);
    expect(await fx.runc.state(id)).toBeUndefined();
  });

  it('maps unknown ids to NOT_FOUND', async () => {
    expect(await fx.runc.state('bmon-none')).toBeUndefined();
    const calls = [() => fx.runc.kill('bmon-none'), () => fx.runc.delete('bmon-none'), () => fx.runc.pause('bmon-none'), () => fx.runc.ps('bmon-none'), () => fx.runc.stats('bmon-none')];
    for (const call of calls) expect(await code(call())).toBe('NOT_FOUND');
  });

  it('reports a missing binary as UNAVAILABLE', async () => {
    const { Runc } = await import('../../../src/runtime/runc/runc.js');
    expect(await code(new Runc({ binary: '/nonexistent/runc', root: fx.runc.root }).list())).toBe('UNAVAILABLE');
  });
});
