/**
 * Exec sessions on disk: <container dir>/exec/<exec id>/exec.json, beside conmon's session files
 * (attach, ctl, exits/…). Kept on disk rather than in memory because there is no daemon: the CLI
 * that creates an exec, the API server that inspects it and conmon's exit command that records
 * its end are different processes. Records go when the container is removed (docker drops its
 * exec configs with the container too).
 */
import { join } from 'node:path';
import { readJsonIfExists, writeJsonAtomic } from '../lib/atomic.js';
import { notFound } from '../lib/errors.js';
import type { ExecInspect } from '../types/container.js';
import type { ContainerStore } from './container-store.js';
import type { ContainerPaths } from './paths.js';

export interface ExecRecord {
  ID: string;
  ContainerID: string;
  Created: string;
  ProcessConfig: ExecInspect['ProcessConfig'];
  OpenStdin: boolean;
  OpenStdout: boolean;
  OpenStderr: boolean;
  DetachKeys: string;
  /** The process env as dockerd computes it at create (daemon defaults, container env, -e). */
  Env: string[];
  /** -w, else the container's WorkingDir ('' = /). */
  WorkingDir: string;
  ConsoleSize: [number, number] | null;
  /** Set by the first start; a second start is refused. */
  started: boolean;
  Pid: number;
  conmonPid?: number;
  /** null until the process exited (or failed to start: 126/127). */
  ExitCode: number | null;
  /** exec_die was appended (exactly once, by whichever process saw the exit first). */
  dieRecorded?: boolean;
}

export function execDirs(paths: ContainerPaths, containerId: string, execId: string) {
  const dir = paths.execDir(containerId, execId);
  return { bundleDir: dir, exitDir: join(dir, 'exits'), persistDir: join(dir, 'persist'), record: join(dir, 'exec.json') };
}

const noSuchExec = (id: string) => notFound(`No such exec instance: ${id}`);

export async function writeExec(paths: ContainerPaths, rec: ExecRecord): Promise<void> {
  await writeJsonAtomic(execDirs(paths, rec.ContainerID, rec.ID).record, rec, 0o600);
}

/** Exec IDs are global (docker's exec store); the container is found by looking in each one's dir. */
export async function findExec(store: ContainerStore, execId: string): Promise<ExecRecord> {
  if (!/^[a-f0-9]{64}$/.test(execId)) throw noSuchExec(execId);
  for (const cid of await store.records.keys()) {
    const rec = await readJsonIfExists<ExecRecord>(execDirs(store.paths, cid, execId).record);
    if (rec) return rec;
  }
  throw noSuchExec(execId);
}

/**
 * Read-decide-write of an exec record under the meta lock. Throws NOT_FOUND when the record is
 * gone (its container was removed), so nothing recreates a removed container's directory.
 */
export async function updateExec(store: ContainerStore, rec: ExecRecord, change: (r: ExecRecord) => void): Promise<ExecRecord> {
  return store.meta.lock(async () => {
    const current = await readJsonIfExists<ExecRecord>(execDirs(store.paths, rec.ContainerID, rec.ID).record);
    if (!current) throw noSuchExec(rec.ID);
    change(current);
    await writeExec(store.paths, current);
    return current;
  });
}

/** docker keeps Pid after the process ended, so do we. */
export function toInspect(rec: ExecRecord, running: boolean): ExecInspect {
  return {
    ID: rec.ID, Running: running, ExitCode: rec.ExitCode, ProcessConfig: rec.ProcessConfig,
    OpenStdin: rec.OpenStdin, OpenStderr: rec.OpenStderr, OpenStdout: rec.OpenStdout, CanRemove: false,
    ContainerID: rec.ContainerID, DetachKeys: rec.DetachKeys, Pid: rec.Pid,
  };
}

/** docker's event action text: "exec_create: sh -c echo hi" (with a trailing space when there are no arguments). */
export function execAction(kind: 'exec_create' | 'exec_start', rec: ExecRecord): string {
  return `${kind}: ${rec.ProcessConfig.entrypoint} ${rec.ProcessConfig.arguments.join(' ')}`;
}
