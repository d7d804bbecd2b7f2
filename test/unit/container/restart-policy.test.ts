/** dockerd's restart manager rules (restart-policy.ts) and what `system boot` does per record (boot.ts). */
import { describe, expect, it } from 'vitest';
import { backoffMs, restartPending, shouldRestart } from '../../../src/container/restart-policy.js';
import { bootAction } from '../../../src/container/boot.js';
import { emptyState, setStatus, type ContainerRecord } from '../../../src/container/record.js';
import type { RestartPolicy } from '../../../src/types/container.js';

function rec(policy: RestartPolicy['Name'], opts: { max?: number; exit?: number; count?: number; stopped?: boolean; ranMs?: number; lastDelay?: number; status?: 'exited' | 'created' | 'running'; autoRemove?: boolean } = {}): ContainerRecord {
  const State = emptyState();
  setStatus(State, opts.status ?? 'exited');
  if (opts.status !== 'created') {
    State.StartedAt = '2026-01-01T00:00:00.000Z';
    State.FinishedAt = new Date(Date.parse(State.StartedAt) + (opts.ranMs ?? 50)).toISOString();
  }
  State.ExitCode = opts.exit ?? 1;
  return {
    Id: 'a'.repeat(64), Name: '/x', Created: '2026-01-01T00:00:00.000Z', Path: 'sh', Args: [], Image: 'sha256:x', Config: {},
    HostConfig: { RestartPolicy: { Name: policy, MaximumRetryCount: opts.max ?? 0 }, AutoRemove: opts.autoRemove }, State,
    RestartCount: opts.count ?? 0,
    berth: { chain: [], manuallyStopped: opts.stopped, restartDelayMs: opts.lastDelay },
  };
}

describe('shouldRestart', () => {
  it('follows the policy; a user stop cancels any of them', () => {
    expect(shouldRestart(rec('no'))).toBe(false);
    expect(shouldRestart(rec('always', { exit: 0 }))).toBe(true);
    expect(shouldRestart(rec('unless-stopped', { exit: 0 }))).toBe(true);
    expect(shouldRestart(rec('on-failure', { exit: 0 }))).toBe(false);
    expect(shouldRestart(rec('on-failure', { exit: 1, max: 2, count: 1 }))).toBe(true);
    expect(shouldRestart(rec('on-failure', { exit: 1, max: 2, count: 2 }))).toBe(false);
    expect(shouldRestart(rec('on-failure', { exit: 1, count: 50 }))).toBe(true); // no maximum
    expect(shouldRestart(rec('always', { stopped: true }))).toBe(false);
    expect(shouldRestart(rec('always', { autoRemove: true }))).toBe(false);
  });
});

describe('backoff', () => {
  it('starts at 100 ms, doubles per quick exit up to a minute, and resets after 10 s of uptime', () => {
    expect(backoffMs(rec('always'))).toBe(100);
    expect(backoffMs(rec('always', { lastDelay: 100 }))).toBe(200);
    expect(backoffMs(rec('always', { lastDelay: 400 }))).toBe(800);
    expect(backoffMs(rec('always', { lastDelay: 51_200 }))).toBe(60_000);
    expect(backoffMs(rec('always', { lastDelay: 60_000 }))).toBe(60_000);
    expect(backoffMs(rec('always', { lastDelay: 6400, ranMs: 10_000 }))).toBe(100);
  });

  it('a restarting record is pending while its exit command lives, or shortly after the exit', () => {
    const r = rec('always');
    r.berth.restartPid = 1234;
    expect(restartPending(r, (pid) => pid === 1234)).toBe(true);
    expect(restartPending(r, () => false)).toBe(false);
    r.berth.restartPid = undefined;
    const finished = Date.parse(r.State.FinishedAt);
    expect(restartPending(r, () => false, finished + 1000)).toBe(true);
    expect(restartPending(r, () => false, finished + 60_000)).toBe(false);
  });
});

describe('bootAction', () => {
  it('starts always even after a user stop, unless-stopped and failed on-failure only when not user-stopped', () => {
    expect(bootAction(rec('always', { stopped: true, exit: 137 }))).toBe('start');
    expect(bootAction(rec('unless-stopped', { exit: 255 }))).toBe('start');
    expect(bootAction(rec('unless-stopped', { stopped: true, exit: 137 }))).toBeUndefined();
    expect(bootAction(rec('on-failure', { exit: 255 }))).toBe('start');
    expect(bootAction(rec('on-failure', { exit: 0 }))).toBeUndefined();
    expect(bootAction(rec('on-failure', { exit: 255, max: 1, count: 1 }))).toBeUndefined();
    expect(bootAction(rec('no', { exit: 255 }))).toBeUndefined();
  });

  it('leaves running and never-started containers alone; removes --rm leftovers', () => {
    expect(bootAction(rec('always', { status: 'running' }))).toBeUndefined();
    expect(bootAction(rec('always', { status: 'created' }))).toBeUndefined();
    expect(bootAction(rec('no', { autoRemove: true, exit: 255 }))).toBe('remove');
  });
});
