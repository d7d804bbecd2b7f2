/**
 * `docker cp` as the docker CLI runs it (cli/command/container/cp.go) over the archive API: the
 * stat calls, the -L handling, the destination checks and their messages, and which directory the
 * archive is finally extracted into. It talks to any implementation of the three archive calls
 * (the embedded engine today, the API client later). Failures on the local side are client
 * errors (printed without the daemon prefix); the engine's own errors pass through unchanged.
 */
import { statSync } from 'node:fs';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { EngineError, errnoCode, toEngineError } from '../lib/errors.js';
import type { ArchivePutOptions, PathStat } from '../types/container.js';
import { GoMode, goFileMode, isGoDir, isGoSymlink } from './archive-stat.js';
import { copyInfoSourcePath, copyTo, hostSourceTar, prepareArchiveCopy, resolveLocalPath, sourceArchiveName, type CopyInfo } from './cp-host.js';
import { getRebaseName, goClean, goDir, goJoin, rebaser, splitPathDirEntry } from './cp-paths.js';

export interface ArchiveClient {
  archiveStat(ref: string, path: string): Promise<PathStat>;
  archiveGet(ref: string, path: string): Promise<{ stat: PathStat; tar: Readable }>;
  archivePut(ref: string, path: string, tar: Readable, opts?: ArchivePutOptions): Promise<void>;
}

export interface CopyConfig {
  container: string;
  sourcePath: string;
  destPath: string;
  followLink: boolean;
  copyUIDGID: boolean;
  cwd: string;
  stdin: Readable;
  stdout: NodeJS.WritableStream;
  /** Called once the transfer has run (also when it failed, as docker prints its line anyway). */
  report?: (bytes: number, dest: string) => void;
}

/** A client-side failure: printed as it is, without "Error response from daemon: ". */
export function clientError(err: unknown): EngineError {
  const e = toEngineError(err, 'INVALID_ARGUMENT');
  return new EngineError(e.code, e.message, { cause: err, detail: { ...e.detail, raw: true } });
}

async function local<T>(fn: () => T | Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw clientError(err);
  }
}

/** command.ValidateOutputPathFileMode */
function fileModeProblem(mode: number): string | undefined {
  if (Math.floor(mode / GoMode.Device) % 2 === 1) return 'got a device';
  return undefined;
}

/** command.ValidateOutputPath */
function validateOutputPath(path: string): void {
  const dir = goDir(goClean(path));
  if (dir !== '' && dir !== '.' && errnoCode(tryStat(dir)) === 'ENOENT') {
    throw new Error(`invalid output path: directory ${JSON.stringify(dir)} does not exist`);
  }
  const st = tryStat(path);
  if (st instanceof Error) {
    if (errnoCode(st) === 'ENOENT') return;
    throw st;
  }
  if (st.isDirectory() || st.isFile()) return;
  const problem = fileModeProblem(goFileMode(st.mode));
  if (problem) throw new Error(`invalid output path: ${JSON.stringify(path)} must be a directory or a regular file: ${problem}`);
}

function tryStat(p: string) {
  try { return statSync(p); } catch (err) { return err as Error; }
}

function counted(tar: Readable, onBytes: (n: number) => void): Readable {
  const out = new Transform({ transform(c: Buffer, _enc, cb) { onBytes(c.length); cb(null, c); } });
  tar.on('error', (e) => out.destroy(e));
  return tar.pipe(out);
}

export async function copyFromContainer(client: ArchiveClient, cfg: CopyConfig): Promise<void> {
  let dstPath = cfg.destPath;
  let srcPath = cfg.sourcePath;
  if (dstPath !== '-') dstPath = resolveLocalPath(dstPath, cfg.cwd);
  await local(() => validateOutputPath(dstPath));
  let rebaseName = '';
  if (cfg.followLink) {
    const st = await client.archiveStat(cfg.container, srcPath).catch(() => undefined);
    if (st && isGoSymlink(st.mode)) {
      const target = st.linkTarget.startsWith('/') ? st.linkTarget : goJoin(splitPathDirEntry(srcPath)[0], st.linkTarget);
      [srcPath, rebaseName] = getRebaseName(srcPath, target);
    }
  }
  const { stat, tar } = await client.archiveGet(cfg.container, srcPath);
  if (dstPath === '-') {
    await pipeline(tar, cfg.stdout, { end: false });
    return;
  }
  const src: CopyInfo = { path: srcPath, exists: true, isDir: isGoDir(stat.mode), rebaseName };
  let bytes = 0;
  const first = rebaseName ? rebaser(splitPathDirEntry(src.path)[1], rebaseName) : undefined;
  try {
    await local(() => copyTo(counted(tar, (n) => { bytes += n; }), src, dstPath, first));
  } finally {
    tar.destroy();
    cfg.report?.(bytes, dstPath);
  }
}

export async function copyToContainer(client: ArchiveClient, cfg: CopyConfig): Promise<void> {
  let srcPath = cfg.sourcePath;
  const dstPath = cfg.destPath;
  if (srcPath !== '-') srcPath = resolveLocalPath(srcPath, cfg.cwd);
  const dst: CopyInfo = { path: dstPath, exists: false, isDir: false, rebaseName: '' };
  let stat = await client.archiveStat(cfg.container, dstPath).catch(() => undefined);
  if (stat && isGoSymlink(stat.mode)) {
    // a destination symlink is followed (in the container) to what it points at
    dst.path = stat.linkTarget.startsWith('/') ? stat.linkTarget : goJoin(splitPathDirEntry(dstPath)[0], stat.linkTarget);
    stat = await client.archiveStat(cfg.container, dst.path).catch(() => undefined);
  }
  const problem = stat ? fileModeProblem(stat.mode) : undefined;
  if (problem) throw clientError(`destination "${cfg.container}:${dstPath}" must be a directory or a regular file: ${problem}`);
  if (stat) Object.assign(dst, { exists: true, isDir: isGoDir(stat.mode) });
  let content: Readable;
  let target: string;
  if (srcPath === '-') {
    if (!dst.isDir) throw clientError(`destination "${cfg.container}:${dstPath}" must be a directory`);
    [content, target] = [cfg.stdin, dst.path];
  } else {
    const src = await local(() => copyInfoSourcePath(srcPath, cfg.followLink));
    const plan = await local(() => prepareArchiveCopy(src, dst));
    content = await local(() => hostSourceTar(src, plan.rename ? plan.rename.to : sourceArchiveName(src)));
    target = plan.dstDir;
  }
  let bytes = 0;
  try {
    await client.archivePut(cfg.container, target, counted(content, (n) => { bytes += n; }), { copyUIDGID: cfg.copyUIDGID, noOverwriteDirNonDir: true });
  } finally {
    if (srcPath !== '-') content.destroy();
    cfg.report?.(bytes, `${cfg.container}:${dst.path}`);
  }
}
