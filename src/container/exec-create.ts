/**
 * POST /containers/{id}/exec: validate against the running container (user, detach keys), compute
 * the env and working dir as dockerd does at create, write the record, append `exec_create: …`.
 */
import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { conflict, errnoCode, invalid, notFound } from '../lib/errors.js';
import { parseDetachKeys } from '../runtime/monitor/index.js';
import { containerEnv, replaceOrAppendEnv } from '../runtime/spec/index.js';
import type { ExecCreateRequest } from '../types/container.js';
import type { ContainerDeps } from './runtime-deps.js';
import type { ContainerRecord } from './record.js';
import { containerEvent } from './container-store.js';
import { syncState } from './reconcile.js';
import { execAction, execDirs, writeExec, type ExecRecord } from './exec-record.js';
import { execUser } from './exec-spec.js';

/** dockerd's getActiveContainer; `ref` is what the caller typed (docker's paused message uses it). */
export function assertActive(ctr: ContainerRecord, ref: string): void {
  if (!ctr.State.Running) throw conflict(`container ${ctr.Id} is not running`);
  if (ctr.State.Paused) throw conflict(`Container ${ref} is paused, unpause the container before exec`);
  if (ctr.State.Restarting) throw conflict(`Container ${ctr.Id} is restarting, wait until the container is running`);
}

export async function execCreate(deps: ContainerDeps, ref: string, req: ExecCreateRequest): Promise<{ Id: string }> {
  if (!req.Cmd?.length) throw invalid('No exec command specified');
  const ctr = await syncState(deps, (await deps.store.resolve(ref)).Id);
  assertActive(ctr, ref);
  // an unknown -u fails here, before anything exists (dockerd looks the user up at create too)
  if (req.User) execUser(deps, ctr, req.User);
  if (req.DetachKeys) {
    try { parseDetachKeys(req.DetachKeys); } catch (err) { throw invalid(`Invalid escape keys (${req.DetachKeys}) provided`, err); }
  }
  const tty = req.Tty === true;
  const hostname = ctr.Config.Hostname || ctr.Id.slice(0, 12);
  const rec: ExecRecord = {
    ID: randomBytes(32).toString('hex'), ContainerID: ctr.Id, Created: new Date().toISOString(),
    ProcessConfig: { privileged: req.Privileged === true, user: req.User || ctr.Config.User || '', tty, entrypoint: req.Cmd[0]!, arguments: req.Cmd.slice(1) },
    OpenStdin: req.AttachStdin === true, OpenStdout: req.AttachStdout === true, OpenStderr: req.AttachStderr === true,
    DetachKeys: req.DetachKeys ?? '',
    Env: replaceOrAppendEnv(containerEnv(ctr.Config.Env ?? [], { hostname, tty }), req.Env ?? []),
    WorkingDir: req.WorkingDir || ctr.Config.WorkingDir || '',
    ConsoleSize: req.ConsoleSize ?? null,
    started: false, Pid: 0, ExitCode: null,
  };
  await makeSessionDir(execDirs(deps.store.paths, ctr.Id, rec.ID).bundleDir, ref);
  await writeExec(deps.store.paths, rec);
  await deps.store.events.append(containerEvent(execAction('exec_create', rec), ctr, { execID: rec.ID }));
  return { Id: rec.ID };
}

/** Not recursive: a container removed meanwhile must not get its directory back. */
async function makeSessionDir(dir: string, ref: string): Promise<void> {
  try {
    await mkdir(dirname(dir), { mode: 0o700 }).catch((e: unknown) => { if (errnoCode(e) !== 'EEXIST') throw e; });
    await mkdir(dir, { mode: 0o700 });
  } catch (err) {
    if (errnoCode(err) === 'ENOENT') throw notFound(`No such container: ${ref}`, err);
    throw err;
  }
}
