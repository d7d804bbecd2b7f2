/**
 * Reading a container's k8s-file log as docker `logs` does: --tail, --since, --until, --follow.
 *
 * Rotation: with --log-size-max, conmon 2.1.6 does not keep old files. When the next write would
 * pass the limit it opens `<log>.tmp` with O_TRUNC and renames it over `<log>` (reopen_k8s_file),
 * so earlier output is gone. A follower notices the new inode at EOF (after draining the old
 * file through its open fd) and continues from the start of the new file; an in-place
 * truncation (size < offset) restarts at 0.
 * Following ends when `signal` aborts, `until` has passed, or `stopWhen()` says the container
 * exited: then the file is drained once more, since conmon's last writes may land after the check.
 */
import { watch } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';
import { errnoCode } from '../../lib/errors.js';
import { PartialJoiner, parseK8sLine, type LogEntry } from './k8s-log.js';
import { tailStart } from './log-tail.js';

export interface ReadLogsOptions {
  follow?: boolean;
  /** Unix ns: skip entries before. */
  since?: bigint;
  /** Unix ns: stop at the first entry after (and, when following, once the clock passes it). */
  until?: bigint;
  /** Only the last N entries (applied before since/until, as docker does). */
  tail?: number;
  signal?: AbortSignal;
  /** Polled at EOF while following; true = the container is gone, finish after a final drain. */
  stopWhen?: () => boolean | Promise<boolean>;
  /** @default 100 */
  pollMs?: number;
}

const CHUNK = 64 * 1024;

async function openLog(path: string): Promise<{ fh: FileHandle; ino: bigint } | undefined> {
  try {
    const fh = await open(path, 'r');
    return { fh, ino: (await fh.stat({ bigint: true })).ino };
  } catch (err) {
    if (errnoCode(err) === 'ENOENT') return undefined;
    throw err;
  }
}

/** Resolve on a change to `path`, after `ms`, or on abort, whichever comes first. */
function waitForChange(path: string, ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    let watcher: ReturnType<typeof watch> | undefined;
    const done = () => { clearTimeout(timer); watcher?.close(); signal?.removeEventListener('abort', done); resolve(); };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    try { watcher = watch(path, done); watcher.on('error', () => undefined); } catch { /* not there yet: poll */ }
  });
}

/** Log entries of the k8s-file at `path`; ends quietly on abort. */
export async function* readLogs(path: string, opts: ReadLogsOptions = {}): AsyncGenerator<LogEntry> {
  const pollMs = opts.pollMs ?? 100;
  const aborted = () => opts.signal?.aborted === true;
  const nowNs = () => BigInt(Date.now()) * 1_000_000n;
  let file = await openLog(path);
  while (!file) {
    if (!opts.follow || aborted() || (await opts.stopWhen?.())) return;
    await waitForChange(path, pollMs, opts.signal);
    file = await openLog(path);
  }
  const joiner = new PartialJoiner();
  let offset = opts.tail !== undefined && opts.tail >= 0 ? await tailStart(file.fh, (await file.fh.stat()).size, opts.tail) : 0;
  let rest: Buffer = Buffer.alloc(0);
  let stopping = !opts.follow;
  const buf = Buffer.alloc(CHUNK);
  try {
    for (;;) {
      const { bytesRead } = await file.fh.read(buf, 0, CHUNK, offset);
      if (bytesRead > 0) {
        offset += bytesRead;
        const data = Buffer.concat([rest, buf.subarray(0, bytesRead)]);
        const last = data.lastIndexOf(0x0a);
        rest = Buffer.from(data.subarray(last + 1));
        for (const line of splitLines(data.subarray(0, last + 1))) {
          const rec = parseK8sLine(line);
          const entry = rec && joiner.push(rec);
          if (!entry) continue;
          if (opts.until !== undefined && entry.timeNs > opts.until) return;
          if (opts.since === undefined || entry.timeNs >= opts.since) yield entry;
        }
        continue;
      }
      if (stopping || aborted()) break;
      const cur = await stat(path, { bigint: true }).catch(() => undefined);
      if (cur && (cur.ino !== file.ino || cur.size < BigInt(offset))) {
        // Rotated (new inode) or truncated: the old fd is drained, start over on the new file.
        const next = await openLog(path);
        if (next) { await file.fh.close(); file = next; offset = 0; rest = Buffer.alloc(0); continue; }
      }
      if (opts.until !== undefined && nowNs() > opts.until) break;
      if (await opts.stopWhen?.()) { stopping = true; continue; }
      await waitForChange(path, pollMs, opts.signal);
    }
    if (aborted()) return;
    const tailRec = rest.length ? parseK8sLine(rest) : undefined;
    const last = tailRec && joiner.push(tailRec);
    for (const entry of [...(last ? [last] : []), ...joiner.flush()]) {
      if (opts.until !== undefined && entry.timeNs > opts.until) continue;
      if (opts.since === undefined || entry.timeNs >= opts.since) yield entry;
    }
  } finally {
    await file.fh.close();
  }
}

function* splitLines(data: Buffer): Generator<Buffer> {
  let start = 0;
  for (let nl = data.indexOf(0x0a); nl >= 0; nl = data.indexOf(0x0a, start)) {
    yield data.subarray(start, nl);
    start = nl + 1;
  }
}
