/**
 * conmon's exit records. When the container's process ends conmon writes its status as decimal
 * text (128+N for a signal) to `<persistDir>/exit` and `<exitDir>/<id>` (glib's atomic
 * set_contents, so a reader never sees a half file), and creates `<persistDir>/oom` if the
 * cgroup reported an OOM kill. The exit file's mtime is the finish time (podman does the same).
 */
import { readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { errnoCode } from '../../lib/errors.js';

export interface ExitDirs {
  exitDir: string;
  persistDir?: string;
}

export interface ExitStatus {
  exitCode: number;
  finishedAt: Date;
  /** finishedAt with the file system's nanosecond precision (unix ns). */
  finishedAtNs: bigint;
  oomKilled: boolean;
}

async function readStatus(path: string): Promise<{ code: number; mtimeNs: bigint } | undefined> {
  try {
    const [text, st] = await Promise.all([readFile(path, 'utf8'), stat(path, { bigint: true })]);
    const code = Number.parseInt(text.trim(), 10);
    return Number.isFinite(code) ? { code, mtimeNs: st.mtimeNs } : undefined;
  } catch (err) {
    if (errnoCode(err) === 'ENOENT') return undefined;
    throw err;
  }
}

async function exists(path: string): Promise<boolean> {
  try { await stat(path); return true; } catch { return false; }
}

/** The container's exit status, or undefined while it has not exited (or conmon never ran). */
export async function readExit(dirs: ExitDirs, id: string): Promise<ExitStatus | undefined> {
  const st = (await readStatus(join(dirs.exitDir, id))) ?? (dirs.persistDir ? await readStatus(join(dirs.persistDir, 'exit')) : undefined);
  if (!st) return undefined;
  const oomKilled = dirs.persistDir ? await exists(join(dirs.persistDir, 'oom')) : false;
  return {
    exitCode: st.code,
    finishedAt: new Date(Number(st.mtimeNs / 1_000_000n)),
    finishedAtNs: st.mtimeNs,
    oomKilled,
  };
}

/** Remove a previous run's records before starting the container again. */
export async function clearExit(dirs: ExitDirs, id: string): Promise<void> {
  const paths = [join(dirs.exitDir, id)];
  if (dirs.persistDir) paths.push(join(dirs.persistDir, 'exit'), join(dirs.persistDir, 'oom'));
  await Promise.all(paths.map((p) => rm(p, { force: true })));
}

/**
 * Wait for the exit record. conmon closes attach clients *before* it writes the exit files
 * (conmon.c: close_all_readers, then the writes), so an attach that just saw EOF must wait here.
 * Resolves undefined after `timeoutMs` or on abort.
 */
export async function waitExit(
  dirs: ExitDirs,
  id: string,
  opts: { timeoutMs?: number; signal?: AbortSignal; pollMs?: number } = {},
): Promise<ExitStatus | undefined> {
  const deadline = Date.now() + (opts.timeoutMs ?? 10_000);
  for (;;) {
    const st = await readExit(dirs, id);
    if (st || opts.signal?.aborted || Date.now() >= deadline) return st;
    await new Promise((r) => setTimeout(r, opts.pollMs ?? 20));
  }
}
