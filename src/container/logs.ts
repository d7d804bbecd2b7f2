/** `logs`: conmon's k8s-file log presented as docker presents its json-file logs. */
import type { LogLine, LogsOptions } from '../types/container.js';
import { formatRfc3339NanoUtc, readLogs } from '../runtime/monitor/index.js';
import type { ContainerDeps } from './runtime-deps.js';
import { syncState } from './reconcile.js';

export async function* containerLogs(deps: ContainerDeps, ref: string, opts: LogsOptions): AsyncIterable<LogLine> {
  const rec = await deps.store.resolve(ref);
  const wantOut = opts.stdout !== false;
  const wantErr = opts.stderr !== false;
  const toNs = (s?: number) => (s === undefined ? undefined : BigInt(Math.round(s * 1e6)) * 1000n);
  let lastCheck = 0;
  let running = true;
  const entries = readLogs(deps.store.paths.log(rec.Id), {
    follow: opts.follow, tail: opts.tail, since: toNs(opts.since), until: toNs(opts.until), signal: opts.signal,
    // following ends once the container is no longer running and the file is drained
    stopWhen: async () => {
      if (Date.now() - lastCheck > 200) {
        lastCheck = Date.now();
        running = (await syncState(deps, rec.Id).catch(() => undefined))?.State.Running ?? false;
      }
      return !running;
    },
  });
  for await (const e of entries) {
    if ((e.stream === 'stdout' && !wantOut) || (e.stream === 'stderr' && !wantErr)) continue;
    // docker prints log times in UTC with a Z, whatever offset the monitor wrote
    yield { stream: e.stream, time: formatRfc3339NanoUtc(e.timeNs), line: e.line };
  }
}
