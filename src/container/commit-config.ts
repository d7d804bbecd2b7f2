/**
 * dockerd's commit merge (daemon/commit.go merge): the config built from the container's config
 * and the --change instructions is completed from the container's config where it is empty.
 * Mostly a no-op, but it carries dockerd's quirks: `CMD []` with no entrypoint gets the
 * container's Cmd back, volumes and ports are unions, missing env keys are appended.
 */
import type { ContainerConfig } from '../types/container.js';
import type { ContainerConfig as ImageContainerConfig } from '../oci/types.js';

const envKey = (e: string) => e.split('=')[0];

export function mergeCommitConfig(user: ContainerConfig, image: ContainerConfig): ContainerConfig {
  const out: ContainerConfig = structuredClone(user);
  if (!out.User) out.User = image.User;
  if (!out.ExposedPorts || Object.keys(out.ExposedPorts).length === 0) out.ExposedPorts = image.ExposedPorts;
  else out.ExposedPorts = { ...image.ExposedPorts, ...out.ExposedPorts };
  if (!out.Env?.length) out.Env = image.Env;
  else for (const e of image.Env ?? []) if (!out.Env.some((u) => envKey(u) === envKey(e))) out.Env.push(e);
  out.Labels = { ...image.Labels, ...out.Labels };
  if (!out.Entrypoint?.length) {
    if (!out.Cmd?.length) out.Cmd = image.Cmd;
    if (out.Entrypoint == null) out.Entrypoint = image.Entrypoint;
  }
  if (image.Healthcheck) {
    const h = { ...out.Healthcheck };
    const ih = image.Healthcheck;
    if (!h.Test?.length) h.Test = ih.Test;
    for (const k of ['Interval', 'Timeout', 'StartPeriod', 'StartInterval', 'Retries'] as const) if (!h[k]) h[k] = ih[k];
    out.Healthcheck = h;
  }
  if (!out.WorkingDir) out.WorkingDir = image.WorkingDir;
  if (!out.Volumes || Object.keys(out.Volumes).length === 0) out.Volumes = image.Volumes;
  else out.Volumes = { ...out.Volumes, ...image.Volumes };
  if (!out.StopSignal) out.StopSignal = image.StopSignal;
  return out;
}

const IMAGE_FIELDS = [
  'User', 'ExposedPorts', 'Env', 'Entrypoint', 'Cmd', 'Volumes', 'WorkingDir', 'Labels', 'StopSignal', 'ArgsEscaped',
  'Healthcheck', 'OnBuild', 'Shell',
] as const;

const isEmpty = (v: unknown) => v === undefined || v === null || v === '' || v === false
  || (Array.isArray(v) && v.length === 0) || (typeof v === 'object' && !Array.isArray(v) && Object.keys(v as object).length === 0);

/**
 * The image config's `config`: the image fields of a container config, empty ones left out, as
 * dockerd 28 writes it (containerConfigToDockerOCIImageConfig, Go's omitempty). Hostname, Tty,
 * Image and the other run-time fields stay with the container.
 */
export function imageConfigOf(c: ContainerConfig): ImageContainerConfig {
  const out: Record<string, unknown> = {};
  for (const k of IMAGE_FIELDS) if (!isEmpty(c[k])) out[k] = c[k];
  return out as ImageContainerConfig;
}
