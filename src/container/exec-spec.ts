/**
 * The runtime-spec process of an exec, as dockerd builds it (daemon/exec.go ContainerExecStart +
 * execSetPlatformOpt): the container's own process from its bundle's config.json (capabilities,
 * rlimits, no-new-privileges, user) with args, env, cwd and the terminal replaced; -u resolved
 * against the running container's /etc/passwd and /etc/group plus its --group-add; --privileged
 * gives every capability the engine holds (bounding, permitted, effective, as docker sets them).
 */
import { lstatSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { hostCapabilities, resolveUser, type Process, type ResolvedUser, type RuntimeSpec } from '../runtime/spec/index.js';
import { internal } from '../lib/errors.js';
import type { ContainerDeps } from './runtime-deps.js';
import type { ContainerRecord } from './record.js';
import type { ExecRecord } from './exec-record.js';
import { readImageFile } from './image-files.js';

const MAX = 1 << 20;

/**
 * A small file of the running container's root filesystem (the container may have added users).
 * Symlinks are not followed (they would resolve on the host); the image's copy is used instead.
 */
export function containerFile(rootfs: string, rel: string): string | undefined {
  let p = rootfs;
  const parts = rel.split('/').filter(Boolean);
  for (let i = 0; i < parts.length; i++) {
    p = join(p, parts[i]!);
    let st;
    try { st = lstatSync(p); } catch { return undefined; }
    const last = i === parts.length - 1;
    if (last ? !st.isFile() || st.size > MAX : !st.isDirectory()) return undefined;
  }
  try { return readFileSync(p, 'utf8'); } catch { return undefined; }
}

/** docker's getUser for exec: the user spec against the container's files, with its --group-add. */
export function execUser(deps: ContainerDeps, ctr: ContainerRecord, spec: string): ResolvedUser {
  const file = (rel: string) => containerFile(deps.store.paths.rootfs(ctr.Id), rel) ?? readImageFile(deps.images.snapshots, ctr.berth.chain, rel);
  return resolveUser(spec, file('etc/passwd'), file('etc/group'), ctr.HostConfig.GroupAdd ?? []);
}

export async function execProcess(deps: ContainerDeps, ctr: ContainerRecord, ex: ExecRecord, consoleSize?: [number, number] | null): Promise<Process> {
  let spec: RuntimeSpec;
  try {
    spec = JSON.parse(await readFile(join(deps.store.paths.bundle(ctr.Id), 'config.json'), 'utf8')) as RuntimeSpec;
  } catch (err) {
    throw internal(`cannot read the runtime spec of container ${ctr.Id}`, err);
  }
  const p: Process = { ...(spec.process ?? { user: { uid: 0, gid: 0 }, cwd: '/' }) };
  p.args = [ex.ProcessConfig.entrypoint, ...ex.ProcessConfig.arguments];
  p.env = ex.Env;
  p.cwd = ex.WorkingDir || '/';
  p.terminal = ex.ProcessConfig.tty;
  const size = consoleSize ?? ex.ConsoleSize;
  delete p.consoleSize;
  if (p.terminal && size && (size[0] > 0 || size[1] > 0)) p.consoleSize = { height: size[0], width: size[1] };
  if (ex.ProcessConfig.user) {
    const u = execUser(deps, ctr, ex.ProcessConfig.user);
    p.user = { uid: u.uid, gid: u.gid, additionalGids: u.additionalGids };
  }
  if (ex.ProcessConfig.privileged) {
    const all = hostCapabilities();
    p.capabilities = { bounding: [...all], permitted: [...all], effective: [...all] };
  }
  return p;
}
