/**
 * The process that started conmon exits and the container keeps running; later attaches work,
 * detach keys end an attach without touching the container.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { attach } from '../../../src/runtime/monitor/attach.js';
import { parseDetachKeys } from '../../../src/runtime/monitor/detach-keys.js';
import { waitExit } from '../../../src/runtime/monitor/exit-file.js';
import type { MonitorInfo } from '../../../src/runtime/monitor/start-monitor.js';
import { collector, Fixture, until } from './bundle-helper.js';

let fx: Fixture;
let build: string;

// The child is plain Node (no vitest transform), so compile the few modules it needs.
beforeAll(() => {
  fx = new Fixture();
  build = mkdtempSync(join(tmpdir(), 'bmon-build-'));
  execFileSync('npx', ['tsc', '--outDir', build, '--rootDir', 'src', '--module', 'nodenext', '--moduleResolution', 'nodenext',
    '--target', 'es2022', '--types', 'node', '--skipLibCheck', '--strict', 'src/runtime/monitor/start-monitor.ts'], { stdio: 'ignore' });
  writeFileSync(join(build, 'start-child.mjs'), [
    "import { startMonitor } from './runtime/monitor/start-monitor.js';",
    "import { Runc } from './runtime/runc/runc.js';",
    'const opts = JSON.parse(process.argv[2]);',
    'const mon = await startMonitor(opts);',
    'await new Runc({ binary: opts.runtimePath, root: opts.runtimeRoot }).start(opts.id);',
    'process.stdout.write(JSON.stringify(mon));',
  ].join('\n'));
}, 120_000);
afterAll(async () => {
  await fx.cleanup();
  rmSync(build, { recursive: true, force: true });
});

const alive = (pid: number) => { try { process.kill(pid, 0); return true; } catch { return false; } };

describe('monitor outlives its starter', () => {
  it('keeps running after the starting node process exits; re-attach and detach keys work', async () => {
    const id = fx.id();
    const bundle = fx.bundle('survive', { args: ['sh', '-c', 'echo started; while read l; do echo "got $l"; done; exit 9'] });
    const opts = fx.monitorOptions(id, bundle, { stdin: true, leaveStdinOpen: true });
    // execFileSync returns only when the child exited: nothing of ours may keep its loop alive.
    const mon = JSON.parse(execFileSync(process.execPath, [join(build, 'start-child.mjs'), JSON.stringify(opts)], { timeout: 30_000 }).toString()) as MonitorInfo;
    fx.trackPid(mon.conmonPid);
    expect(mon.conmonPid && alive(mon.conmonPid)).toBe(true);
    await until(async () => (await fx.runc.state(id))?.status === 'running', 5_000, 'running');

    const out = collector();
    const stdin = new PassThrough();
    let detached = 0;
    const first = await attach(mon.attachPath, { stdin, stdout: out.stream, detachKeys: parseDetachKeys('ctrl-p,ctrl-q'), onDetach: () => detached++ });
    stdin.write('hello\n');
    await until(() => out.text().includes('got hello'), 5_000, 'echo');
    stdin.write(Buffer.from([0x10, 0x11]));
    expect(await first.done).toBe('detached');
    expect(detached).toBe(1);
    expect((await fx.runc.state(id))?.status).toBe('running');

    // --leave-stdin-open: the container's stdin survived the first client.
    const out2 = collector();
    const stdin2 = new PassThrough();
    const second = await attach(mon.attachPath, { stdin: stdin2, stdout: out2.stream });
    stdin2.write('again\n');
    await until(() => out2.text().includes('got again'), 5_000, 'second attach');
    await fx.runc.kill(id, 'KILL');
    expect(await second.done).toBe('eof');
    expect((await waitExit(opts, id))?.exitCode).toBe(137);
    await until(() => !alive(mon.conmonPid!), 5_000, 'conmon exit');
  });
});
