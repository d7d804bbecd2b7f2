/**
 * Restart policies applied by conmon's exit command with no CLI alive, as dockerd's restart
 * manager: on-failure:N retries N times, always restarts any exit, a user's stop (also during a
 * backoff) leaves the container stopped, the backoff starts at 100 ms and doubles, a manual start
 * resets RestartCount. Runs against docker with TEST_TARGET=docker.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { berth, ok } from '../helpers/cli.js';
import { containerRoot, inspectField, sleep, until, type ContainerRoot } from '../helpers/containers.js';

let ctx: ContainerRoot;
let root: string;

beforeEach(async () => {
  ctx = await containerRoot('berth-restart-');
  root = ctx.root;
});
afterEach(async () => { await ctx.cleanup(); });

const state = (ref: string) => inspectField(root, ref, '{{.State.Status}} {{.RestartCount}} {{.State.ExitCode}}');

interface Ev { Action: string; timeNano: number; id?: string; Actor: { ID: string } }

async function containerEvents(id: string, since: number): Promise<Ev[]> {
  const out = await ok(root, ['events', '--since', String(since), '--until', String(Math.ceil(Date.now() / 1000) + 1), '--filter', `container=${id}`, '--format', '{{json .}}']);
  return out.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Ev);
}

describe('restart policies', () => {
  it('on-failure:2 with exit 1 restarts exactly twice, then stays exited; run returns the first exit', async () => {
    const r = await berth(root, ['run', '--name', 'flaky', '--restart', 'on-failure:2', 'busybox', 'sh', '-c', 'echo try; exit 1']);
    expect(r).toEqual({ code: 1, stdout: 'try\n', stderr: '' });
    await until(async () => (await state('flaky')) === 'exited 2 1', 15_000, 'two restarts');
    await sleep(1500); // longer than the next backoff would be: no third restart
    expect(await state('flaky')).toBe('exited 2 1');
    expect(await ok(root, ['logs', 'flaky'])).toBe('try\ntry\ntry\n');
    expect(await ok(root, ['ps', '-a', '--format', '{{.Status}}'])).toMatch(/^Exited \(1\) /);
  });

  it('on-failure does not restart a clean exit', async () => {
    await ok(root, ['run', '--name', 'clean', '--restart', 'on-failure', 'busybox', 'true']);
    await sleep(800);
    expect(await state('clean')).toBe('exited 0 0');
  });

  it('always restarts after any exit; stop leaves it stopped', async () => {
    await ok(root, ['run', '-d', '--name', 'loop', '--restart', 'always', 'busybox', 'sh', '-c', 'echo up; sleep 0.3; exit 0']);
    await until(async () => Number((await state('loop')).split(' ')[1]) >= 2, 15_000, 'restarts of an always container');
    await until(async () => (await state('loop')).startsWith('running'), 10_000, 'running again');
    expect(await ok(root, ['stop', '-t', '0', 'loop'])).toBe('loop\n');
    const after = await state('loop');
    expect(after).toMatch(/^exited \d+ (0|137)$/); // killed, or it had just exited by itself
    await sleep(1500);
    expect(await state('loop')).toBe(after);
  });

  it('stop during the backoff cancels the pending restart', async () => {
    await ok(root, ['run', '-d', '--name', 'crash', '--restart', 'always', 'busybox', 'sh', '-c', 'exit 3']);
    // the backoff doubles: after a few quick exits it is long enough to observe "restarting"
    // (the 5th backoff is 1.6 s: room for the checks below)
    const id = await until(async () => {
      const [status, count] = (await state('crash')).split(' ');
      return status === 'restarting' && Number(count) >= 5 && await inspectField(root, 'crash', '{{.Id}}');
    }, 20_000, 'restarting');
    const [ps, kill, rm, attach] = await Promise.all([
      ok(root, ['ps', '--format', '{{.Status}}']), berth(root, ['kill', 'crash']), berth(root, ['rm', 'crash']), berth(root, ['attach', 'crash']),
    ]);
    expect(ps).toMatch(/^Restarting \(3\) /);
    expect(kill.stderr).toBe(`Error response from daemon: Container ${id} is restarting, wait until the container is running\n`);
    expect(rm.stderr).toBe('Error response from daemon: cannot remove container "/crash": container is restarting: stop the container before removing or force remove\n');
    expect(attach.stderr).toBe('Error response from daemon: You cannot attach to a restarting container, wait until it is running\n');
    expect(await ok(root, ['stop', 'crash'])).toBe('crash\n');
    const [status, count] = (await state('crash')).split(' ');
    expect(status).toBe('exited');
    await sleep(2500); // past the backoff
    expect(await state('crash')).toBe(`exited ${count} 3`);
  });

  it('backoff starts at 100 ms and doubles (die → start gaps)', async () => {
    const since = Math.floor(Date.now() / 1000) - 1;
    const id = (await ok(root, ['run', '-d', '--restart', 'on-failure:4', 'busybox', 'sh', '-c', 'exit 1'])).trim();
    await until(async () => (await state(id)) === 'exited 4 1', 20_000, 'four restarts');
    const evs = (await containerEvents(id, since)).filter((e) => e.Action === 'die' || e.Action === 'start');
    expect(evs.map((e) => e.Action)).toEqual(['start', 'die', 'start', 'die', 'start', 'die', 'start', 'die', 'start', 'die']);
    const gaps = [1, 3, 5, 7].map((i) => (evs[i + 1]!.timeNano - evs[i]!.timeNano) / 1e6);
    gaps.forEach((g, i) => {
      expect(g).toBeGreaterThanOrEqual(100 * 2 ** i - 5);
      expect(g).toBeLessThan(100 * 2 ** i + 1500);
    });
  });

  it('a manual start resets RestartCount (retries start over)', async () => {
    await ok(root, ['run', '-d', '--name', 'once', '--restart', 'on-failure:1', 'busybox', 'sh', '-c', 'echo go; exit 1']);
    await until(async () => (await state('once')) === 'exited 1 1', 15_000, 'one restart');
    await ok(root, ['start', 'once']);
    await until(async () => (await ok(root, ['logs', 'once'])) === 'go\n'.repeat(4), 15_000, 'a retry after the manual start');
    await until(async () => (await state('once')) === 'exited 1 1', 15_000, 'exited again');
  });
});
