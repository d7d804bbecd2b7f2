/**
 * `berth healthcheck run CONTAINER` (podman's hidden verb): run the container's HEALTHCHECK probe
 * once through exec, as dockerd's cmdProbe does (exec_create/exec_start/exec_die events included),
 * and fold the result into State.Health (health-config.ts), appending `health_status: …` on a
 * change. There is no daemon to schedule probes: a systemd timer or `berth serve` calls this.
 */
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { conflict, invalid, isEngineError } from '../lib/errors.js';
import { processAlive } from '../lib/process-alive.js';
import type { HealthConfig } from '../oci/types.js';
import type { HealthcheckRunResult } from '../types/container.js';
import type { ContainerDeps } from './runtime-deps.js';
import type { ContainerRecord } from './record.js';
import { containerEvent } from './container-store.js';
import { syncState } from './reconcile.js';
import { execCreate } from './exec-create.js';
import { execStart } from './exec-start.js';
import { execInspect } from './exec-state.js';
import { execDirs, findExec } from './exec-record.js';
import { applyProbeResult, goDuration, hasHealthcheck, HEALTH_DEFAULTS, MAX_OUTPUT, probeArgv, type HealthResult } from './health-config.js';

/** Race `p` with a timer that is cleared once `p` settles (a pending probe timer must not hold the CLI open). */
async function within<T>(p: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<'timeout'>((r) => { timer = setTimeout(() => r('timeout'), ms); });
  try { return await Promise.race([p, t]); } finally { clearTimeout(timer); }
}

export async function runHealthcheck(deps: ContainerDeps, ref: string): Promise<HealthcheckRunResult> {
  const ctr = await syncState(deps, (await deps.store.resolve(ref)).Id);
  const hc = ctr.Config.Healthcheck;
  if (!hasHealthcheck(hc)) throw invalid(`container ${ctr.Id} has no defined healthcheck`);
  if (!ctr.State.Running || ctr.State.Paused || ctr.State.Restarting) throw conflict(`container ${ctr.Id} is not running`);
  const result = await probe(deps, ctr, hc);
  let changed = false;
  const updated = await deps.store.update(ctr.Id, (r) => {
    // a result for an earlier run, or for a container that stopped meanwhile, is dropped (dockerd cancels the probe)
    if (r.State.StartedAt !== ctr.State.StartedAt || r.State.Status !== 'running') return;
    const before = r.State.Health?.Status;
    r.State.Health = applyProbeResult(r.State.Health, hc, result, r.State.StartedAt);
    changed = before !== r.State.Health.Status;
  });
  if (changed) await deps.store.events.append(containerEvent(`health_status: ${updated.State.Health!.Status}`, updated));
  return { Status: updated.State.Health?.Status ?? 'none', Result: result };
}

/** One probe: exit code 0 healthy, else unhealthy; a timeout or an exec that cannot start gives -1. */
async function probe(deps: ContainerDeps, ctr: ContainerRecord, hc: HealthConfig): Promise<HealthResult> {
  const start = new Date();
  const out = new LimitedBuffer();
  const timeoutNs = hc.Timeout || HEALTH_DEFAULTS.timeout;
  let execId: string | undefined;
  const argv = probeArgv(hc, ctr.Config.Shell);
  await sweepProbes(deps, ctr, argv);
  const done = (ExitCode: number, Output: string): HealthResult => ({ Start: start.toISOString(), End: new Date().toISOString(), ExitCode, Output });
  try {
    execId = (await execCreate(deps, ctr.Id, { Cmd: argv, AttachStdout: true, AttachStderr: true })).Id;
    const { attach } = await execStart(deps, execId, { attach: { stdout: out.sink(), stderr: out.sink() } });
    const ended = await within(attach!.done, timeoutNs / 1e6);
    if (ended === 'timeout') {
      const { Pid } = await execInspect(deps, execId);
      try { if (Pid) process.kill(Pid, 'SIGKILL'); } catch { /* already gone */ }
      await within(attach!.done, 5_000); // dying probes must not pile up
      const text = out.text();
      return done(-1, `Health check exceeded timeout (${goDuration(timeoutNs)})${text ? `: ${text}` : ''}`);
    }
    const { ExitCode } = await execInspect(deps, execId);
    return done(ExitCode ?? -1, out.text());
  } catch (err) {
    if (!isEngineError(err)) throw err;
    return done(-1, err.message);
  } finally {
    if (execId) await sweepProbes(deps, ctr, argv).catch(() => undefined);
  }
}

/**
 * dockerd unregisters a probe's exec when it ends. Its session dir can go once its monitor has
 * exited (conmon lingers a moment after the exit code is out): finished probe sessions whose
 * monitor is gone are swept before and after each probe, so they never pile up.
 */
async function sweepProbes(deps: ContainerDeps, ctr: ContainerRecord, argv: string[]): Promise<void> {
  const dir = join(deps.store.paths.dir(ctr.Id), 'exec');
  const ids = await fsp.readdir(dir).catch(() => [] as string[]);
  for (const id of ids) {
    const ex = await findExec(deps.store, id).catch(() => undefined);
    if (!ex || ex.ExitCode === null || processAlive(ex.conmonPid)) continue;
    const cmd = [ex.ProcessConfig.entrypoint, ...ex.ProcessConfig.arguments];
    if (cmd.length !== argv.length || cmd.some((a, i) => a !== argv[i])) continue; // a user's exec, not a probe
    await fsp.rm(execDirs(deps.store.paths, ctr.Id, id).bundleDir, { recursive: true, force: true });
  }
}

/** dockerd's limitedBuffer: the first 4096 bytes of stdout and stderr together, "..." when cut. */
class LimitedBuffer {
  private chunks: Buffer[] = [];
  private size = 0;
  private truncated = false;

  sink(): Writable {
    return new Writable({ write: (chunk: Buffer, _enc, cb) => { this.add(chunk); cb(); } });
  }

  private add(b: Buffer): void {
    const keep = Math.min(MAX_OUTPUT - this.size, b.length);
    if (keep > 0) { this.chunks.push(b.subarray(0, keep)); this.size += keep; }
    if (keep < b.length) this.truncated = true;
  }

  text(): string {
    return Buffer.concat(this.chunks).toString('utf8') + (this.truncated ? '...' : '');
  }
}
