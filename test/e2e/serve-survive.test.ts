/**
 * Fault survival of the front ends: `berth serve` and the berth shell killed with -9 while
 * containers run. The containers keep running under conmon, their logs stay complete, and a new
 * server (or the CLI) attaches again. Nothing about a container lives in a front end's memory.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BERTH, baseEnv, ok } from '../helpers/cli.js';
import { until } from '../helpers/containers.js';
import { skipServe, startServe, type Served } from '../helpers/serve.js';
import { sh, tmux, tmuxSession } from '../helpers/tmux.js';

let ctx: Served;
const T = tmuxSession('berth-survive-tui');


describe.skipIf(skipServe)('front ends killed while containers run', () => {
  beforeAll(async () => { ctx = await startServe('berth-survive-'); });
  afterAll(async () => { T.kill(); if (ctx) await ctx.stop(); });

  it('kill -9 of berth serve: the container runs on, logs are complete, a new server re-attaches', async () => {
    const run = await ctx.docker(['run', '-d', '-i', '--name', 'tick', 'busybox', 'sh', '-c', 'i=0; while [ $i -lt 30 ]; do echo tick $i; i=$((i+1)); sleep 0.1; done; read x; echo got $x']);
    expect(run.code, run.stderr).toBe(0);
    const gone = new Promise((r) => ctx.server.once('exit', r));
    ctx.server.kill('SIGKILL');
    await gone;
    // no server: the CLI reads the same root
    expect(await ok(ctx.root, ['ps', '--format', '{{.Names}} {{.State}}'])).toContain('tick running');
    await until(async () => (await ok(ctx.root, ['logs', 'tick'])).includes('tick 29'), 30_000, 'all 30 ticks');
    const logs = await ok(ctx.root, ['logs', 'tick']);
    expect(logs.split('\n').filter((l) => l.startsWith('tick '))).toEqual(Array.from({ length: 30 }, (_, i) => `tick ${i}`));
    // a second server on the same root serves the same container: attach, send a line, see the answer
    const server2 = spawn(process.execPath, [BERTH, 'serve', '-H', `unix://${ctx.sock}`], { env: { ...baseEnv(), BERTH_ROOT: ctx.root } });
    let err2 = '';
    server2.stderr!.on('data', (d) => (err2 += d));
    try {
      await until(() => err2.includes('API listening on'), 20_000, 'the second server');
      const attached = await ctx.docker(['attach', 'tick'], 'again\n');
      expect(attached.stdout).toContain('got again');
      expect(attached.code).toBe(0);
    } finally {
      const exited = new Promise((r) => server2.once('exit', r));
      server2.kill('SIGTERM');
      await exited;
    }
  }, 120_000);

  it('kill -9 of the berth shell: a container it started keeps running', async () => {
    const env = `env BERTH_ROOT=${sh(ctx.root)} BERTH_HISTORY_FILE=${sh(join(ctx.root, 'history'))} LANG=C.UTF-8 TERM=xterm-256color`;
    tmux('new-session', '-d', '-s', T.name, '-x', '120', '-y', '36', `${env} ${sh(process.execPath)} ${sh(BERTH)}; sleep 60`);
    await T.waitScreen((s) => /busybox:latest/.test(s), 'the first frame', 60_000);
    tmux('send-keys', '-t', T.name, ':');
    tmux('send-keys', '-t', T.name, '-l', 'run -d --name fromtui busybox sleep 300');
    tmux('send-keys', '-t', T.name, 'Enter');
    await until(async () => (await ok(ctx.root, ['ps', '--format', '{{.Names}}'])).includes('fromtui'), 30_000, 'the container started from the REPL');
    const shellPid = tmux('display', '-p', '-t', T.name, '#{pane_pid}').trim();
    const { readFileSync } = await import('node:fs');
    const tuiPid = Number(readFileSync(`/proc/${shellPid}/task/${shellPid}/children`, 'utf8').trim().split(/\s+/)[0]);
    process.kill(tuiPid, 'SIGKILL');
    await new Promise((r) => setTimeout(r, 500));
    expect(await ok(ctx.root, ['ps', '--format', '{{.Names}} {{.State}}'])).toContain('fromtui running');
    expect((await ok(ctx.root, ['exec', 'fromtui', 'echo', 'alive'])).trim()).toBe('alive');
  }, 120_000);
});
