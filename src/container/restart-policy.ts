/**
 * Restart policies as dockerd's restart manager applies them. A container whose exit will be
 * followed by a restart shows "restarting" from the moment its exit is recorded until the
 * exit-command process (cleanup.ts) starts it again after the backoff.
 */
import type { ContainerRecord } from './record.js';

/** How long a "restarting" container waits for its exit command to claim the restart. */
export const RESTART_CLAIM_MS = 30_000;

export function shouldRestart(rec: ContainerRecord): boolean {
  const p = rec.HostConfig.RestartPolicy;
  if (!p || !p.Name || p.Name === 'no' || rec.HostConfig.AutoRemove) return false;
  // a stop by the user cancels the restart manager (dockerd) whatever the policy
  if (rec.berth.manuallyStopped) return false;
  if (p.Name === 'always' || p.Name === 'unless-stopped') return true;
  if (p.Name === 'on-failure') return rec.State.ExitCode !== 0 && (!p.MaximumRetryCount || rec.RestartCount < p.MaximumRetryCount);
  return false;
}

/** The next backoff: 100 ms after a run of 10 s or more (or the first time), else double the last, max 1 min. */
export function backoffMs(rec: ContainerRecord): number {
  const ranMs = Date.parse(rec.State.FinishedAt) - Date.parse(rec.State.StartedAt);
  const last = rec.berth.restartDelayMs;
  if (!last || ranMs >= 10_000) return 100;
  return Math.min(last * 2, 60_000);
}

/**
 * Whether a "restarting" record is still backed by a process that will restart it: the exit
 * command waiting out the backoff (restartPid alive), or one not yet started (shortly after the exit).
 */
export function restartPending(rec: ContainerRecord, alive: (pid: number) => boolean, now = Date.now()): boolean {
  if (rec.berth.restartPid) return alive(rec.berth.restartPid);
  return now - Date.parse(rec.State.FinishedAt) < RESTART_CLAIM_MS;
}
