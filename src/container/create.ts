/**
 * `create`: merge the image config into the request as dockerd does, validate everything (name,
 * spec options, user) before anything is written, then publish the record and the name together.
 */
import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import type { ContainerConfig, ContainerCreateRequest } from '../types/container.js';
import type { ImageStore } from '../image/image-store.js';
import { resolveImage } from '../image/resolve.js';
import { conflict } from '../lib/errors.js';
import type { ContainerStore } from './container-store.js';
import { containerEvent } from './container-store.js';
import { emptyState, type ContainerRecord } from './record.js';
import { randomName, validateName } from './names.js';
import { buildSpec, containerArgv } from './spec.js';
import { readImageFile } from './image-files.js';
import type { ImageConfig } from '../oci/types.js';
import { mergeHealthcheck, validateHealthcheck } from './health-config.js';
import { createVolumes, planContainer } from './host-resources.js';

/** dockerd's merge(userConf, imageConf): user values win; env and labels are merged. */
export function mergeImageConfig(user: ContainerConfig, image: ImageConfig): ContainerConfig {
  const img = image.config ?? {};
  const out: ContainerConfig = { ...user };
  if (!out.User) out.User = img.User ?? '';
  const env = [...(img.Env ?? [])];
  for (const e of user.Env ?? []) {
    const k = e.split('=')[0];
    const i = env.findIndex((x) => x.split('=')[0] === k);
    if (i >= 0) env[i] = e; else env.push(e);
  }
  out.Env = env;
  out.ExposedPorts = { ...(img.ExposedPorts ?? {}), ...(user.ExposedPorts ?? {}) };
  out.Volumes = { ...(img.Volumes ?? {}), ...(user.Volumes ?? {}) };
  out.Labels = { ...(img.Labels ?? {}), ...(user.Labels ?? {}) };
  // dockerd: with no user entrypoint, CMD comes from the image unless given, ENTRYPOINT unless
  // cleared; `--entrypoint ""` arrives as [""] and clears the image's entrypoint
  const cleared = user.Entrypoint?.length === 1 && user.Entrypoint[0] === '';
  if (!user.Entrypoint || user.Entrypoint.length === 0 || cleared) {
    if (!user.Cmd || user.Cmd.length === 0) out.Cmd = img.Cmd ?? null;
    out.Entrypoint = cleared ? null : user.Entrypoint ?? img.Entrypoint ?? null;
  }
  if (!out.WorkingDir) out.WorkingDir = img.WorkingDir ?? '';
  if (!out.StopSignal && img.StopSignal) out.StopSignal = img.StopSignal;
  out.Healthcheck = mergeHealthcheck(user.Healthcheck, img.Healthcheck);
  if (!out.Healthcheck) delete out.Healthcheck;
  if (!out.OnBuild && img.OnBuild) out.OnBuild = img.OnBuild;
  if (!out.Shell && img.Shell) out.Shell = img.Shell;
  return out;
}

export async function createContainer(store: ContainerStore, images: ImageStore, req: ContainerCreateRequest): Promise<{ Id: string; Warnings: string[] }> {
  const requested = req.name ? validateName(req.name) : undefined;
  const imageName = req.config.Image ?? '';
  const { record: image } = await resolveImage(images.meta, imageName);
  const imageConfig = await images.readConfig(image);
  const chain = images.chainOf(imageConfig);
  const config = mergeImageConfig(req.config, imageConfig);
  validateHealthcheck(config.Healthcheck);
  const id = randomBytes(32).toString('hex');
  const argv = containerArgv(config);
  // build the spec once now: bad -m, --cpus, -u, caps or security options fail before anything exists
  await buildSpec({
    id, rootfs: '/', config, hostConfig: req.hostConfig,
    passwd: readImageFile(images.snapshots, chain, 'etc/passwd'), group: readImageFile(images.snapshots, chain, 'etc/group'),
  });
  // mounts and network are checked too; volumes are made only once the name is ours
  const mountPlan = await planContainer(store, { Config: config, HostConfig: req.hostConfig });
  let undoVolumes: (() => Promise<void>) | undefined;
  const rec: ContainerRecord = {
    Id: id, Name: '', Created: new Date().toISOString(), Path: argv[0]!, Args: argv.slice(1), Image: image.id,
    Config: config, HostConfig: req.hostConfig, State: emptyState(), RestartCount: 0, berth: { chain },
  };
  await fsp.mkdir(store.paths.dir(id), { recursive: true, mode: 0o700 });
  try {
    await store.meta.lock(async () => {
      const names = await store.readNames();
      let name = requested;
      if (name && names[name]) {
        throw conflict(`Conflict. The container name "/${name}" is already in use by container "${names[name]}". You have to remove (or rename) that container to be able to reuse that name.`);
      }
      while (!name || names[name]) name = randomName();
      rec.Name = `/${name}`;
      names[name] = id;
      undoVolumes = await createVolumes(store, rec, mountPlan);
      await store.records.put(id, rec);
      await store.writeNames(names);
      await store.events.append(containerEvent('create', rec));
    });
  } catch (err) {
    await undoVolumes?.();
    await fsp.rm(store.paths.dir(id), { recursive: true, force: true });
    throw err;
  }
  return { Id: id, Warnings: [] };
}
