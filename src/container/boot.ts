/**
 * `berth system boot`: what dockerd does for its containers when it starts (daemon.restore), for a
 * daemonless engine run once at boot (contrib/systemd/berth-boot.service). Every record is first
 * reconciled (a container whose monitor died with the host is recorded as exited), then:
 *  - `always` containers are started, even ones the user stopped (docker's documented rule);
 *  - `unless-stopped` and `on-failure` (after a failure, retries left) ones unless the user stopped them;
 *  - `--rm` containers that ran and are no longer running are removed (their exit command never ran).
 * Containers never started are left alone. Starting resets RestartCount, as dockerd's restore does.
 */
import { EngineError, isEngineError } from '../lib/errors.js';
import type { BootResult } from '../types/container.js';
import type { ContainerDeps } from './runtime-deps.js';
import type { ContainerRecord } from './record.js';
import { syncRecord } from './reconcile.js';
import { startContainer } from './start.js';
import { removeContainer, type VolumeRelease } from './remove.js';

const NEVER = '0001-01-01T00:00:00Z';

export type BootAction = 'start' | 'remove' | undefined;

/** What boot does with a reconciled record. */
export function bootAction(rec: ContainerRecord): BootAction {
  const s = rec.State;
  if (s.Running || s.Status === 'created' || s.StartedAt === NEVER) return undefined;
  if (rec.HostConfig.AutoRemove) return 'remove';
  const p = rec.HostConfig.RestartPolicy;
  const userStopped = rec.berth.manuallyStopped === true;
  switch (p?.Name) {
    case 'always': return 'start';
    case 'unless-stopped': return userStopped ? undefined : 'start';
    case 'on-failure':
      return !userStopped && s.ExitCode !== 0 && (!p.MaximumRetryCount || rec.RestartCount < p.MaximumRetryCount) ? 'start' : undefined;
    default: return undefined;
  }
}

export async function bootContainers(deps: ContainerDeps, release?: VolumeRelease): Promise<BootResult> {
  const result: BootResult = { Started: [], Removed: [], Failed: [] };
  const records = (await deps.store.records.list()).sort((a, b) => Date.parse(a.Created) - Date.parse(b.Created));
  for (const stored of records) {
    try {
      const rec = await syncRecord(deps, stored);
      const action = bootAction(rec);
      if (action === 'remove') {
        await removeContainer(deps, rec.Id, { force: true, volumes: true }, release);
        result.Removed.push(rec.Id);
      } else if (action === 'start') {
        await startContainer(deps, rec.Id);
        result.Started.push(rec.Id);
      }
    } catch (err) {
      if (isEngineError(err, 'NOT_FOUND')) continue; // removed meanwhile
      result.Failed.push({ Id: stored.Id, Error: err instanceof EngineError || err instanceof Error ? err.message : String(err) });
    }
  }
  return result;
}
