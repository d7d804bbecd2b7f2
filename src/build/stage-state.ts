/**
 * One stage while it builds (moby's dispatchState): the image the last step produced, the
 * run config every later step starts from, the stage's variables, and whether CMD was set in
 * this stage (ENTRYPOINT resets an inherited CMD only).
 */
import type { ContainerConfig, ImageConfig } from '../oci/types.js';
import { StageVars, type MetaArgs } from './dockerfile/index.js';
import type { EscapeToken } from './dockerfile/index.js';

export const DEFAULT_PATH = 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

export interface Platform {
  os: string;
  architecture: string;
  variant?: string;
}

export class StageState {
  /** The current image ('' while a FROM scratch stage has no step yet). */
  imageId: string;
  config: ContainerConfig;
  readonly vars: StageVars;
  cmdSet = false;
  maintainer?: string;
  /** The stage's base image, and whether this build produced it (a miss explains itself as such). */
  readonly baseId: string;

  constructor(
    readonly index: number, readonly name: string, base: { id: string; config?: ImageConfig },
    meta: MetaArgs, buildArgs: Record<string, string>, escape: EscapeToken, readonly platform: Platform,
  ) {
    this.imageId = base.id;
    this.baseId = base.id;
    this.config = structuredClone(base.config?.config ?? {});
    // moby's setDefaultPath: a base without PATH gets the default one
    const env = this.config.Env ?? [];
    if (!env.some((e) => e.split('=')[0] === 'PATH')) this.config.Env = [...env, DEFAULT_PATH];
    this.vars = new StageVars({ meta, buildArgs, env: this.config.Env, escape });
  }

  /** ENV: keep the config's Env and the variables in step. */
  setEnv(key: string, value: string): void {
    this.vars.setEnv(key, value);
    this.config.Env = this.vars.env();
  }
}

/** The platform images of this host are built for. */
export function hostPlatform(): Platform {
  const arch = process.arch === 'x64' ? 'amd64' : process.arch === 'ia32' ? '386' : process.arch;
  return arch === 'arm' ? { os: 'linux', architecture: 'arm', variant: 'v7' } : { os: 'linux', architecture: arch };
}

export function platformString(p: Platform): string {
  return [p.os, p.architecture, p.variant].filter(Boolean).join('/');
}
