/**
 * The legacy builder's cache key: (parent image ID, probe config), compared as moby's
 * image/cache compare does — Cmd, Env, Entrypoint, Shell, OnBuild in order, ExposedPorts,
 * Volumes and Labels as sets; nil and empty alike. The probe's Cmd carries the instruction
 * (`#(nop) COPY file:<sum> in /app `, `|1 X=1 /bin/sh -c make`), so file checksums and build
 * args are in the key. Hashed into one hex string that names the cache record.
 */
import { createHash } from 'node:crypto';
import type { ContainerConfig } from '../oci/types.js';

const list = (v: readonly string[] | null | undefined) => [...(v ?? [])];
const keys = (v: Record<string, unknown> | undefined) => Object.keys(v ?? {}).sort();

export function probeKey(parent: string, probe: ContainerConfig, platform: string, extra?: readonly string[]): string {
  const canonical = {
    v: 1, parent, platform,
    Cmd: list(probe.Cmd), Env: list(probe.Env), Entrypoint: list(probe.Entrypoint), Shell: list(probe.Shell),
    OnBuild: list(probe.OnBuild), ExposedPorts: keys(probe.ExposedPorts), Volumes: keys(probe.Volumes),
    Labels: Object.entries(probe.Labels ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    // RUN --mount options and bound checksums: only present when used, so other keys stay as they were
    ...(extra?.length ? { extra: [...extra] } : {}),
  };
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}

/** The shell prefix for `#(nop)` commit messages and shell-form commands. */
export function shellOf(config: ContainerConfig): string[] {
  return config.Shell?.length ? [...config.Shell] : ['/bin/sh', '-c'];
}

/** withCmdComment: `[shell…, "#(nop) ", comment]` (ENV, LABEL, CMD, …). */
export function nopComment(config: ContainerConfig, comment: string): string[] {
  return [...shellOf(config), '#(nop) ', comment];
}

/** withCmdCommentString: `[shell…, "#(nop) " + comment]` (WORKDIR, COPY, ADD). */
export function nopCommentString(config: ContainerConfig, comment: string): string[] {
  return [...shellOf(config), `#(nop) ${comment}`];
}
