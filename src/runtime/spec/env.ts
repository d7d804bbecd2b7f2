/** Docker's environment arithmetic (daemon create-time merge and container.CreateDaemonEnvironment). */
import { DEFAULT_PATH_ENV } from './defaults.js';

const key = (e: string) => {
  const i = e.indexOf('=');
  return i < 0 ? e : e.slice(0, i);
};

/**
 * The container's Config.Env as dockerd stores it at create: the user's -e entries first, then
 * image entries whose key the user did not set. A bare "KEY" from the user overrides too.
 */
export function mergeEnv(imageEnv: readonly string[] = [], userEnv: readonly string[] = []): string[] {
  if (userEnv.length === 0) return [...imageEnv];
  const userKeys = new Set(userEnv.map(key));
  return [...userEnv, ...imageEnv.filter((e) => !userKeys.has(key(e)))];
}

/**
 * moby's ReplaceOrAppendEnvValues: an override replaces a default with the same key in place,
 * others are appended; an override without "=" removes that default.
 */
export function replaceOrAppendEnv(defaults: readonly string[], overrides: readonly string[]): string[] {
  const out: (string | undefined)[] = [...defaults];
  const index = new Map(defaults.map((e, i) => [key(e), i]));
  for (const v of overrides) {
    const i = index.get(key(v));
    if (!v.includes('=')) {
      if (i !== undefined) out[i] = undefined;
      continue;
    }
    if (i !== undefined) out[i] = v;
    else out.push(v);
  }
  return out.filter((e): e is string => e !== undefined);
}

/** The process env: PATH, HOSTNAME and (with a tty) TERM=xterm, overridden by Config.Env. */
export function containerEnv(configEnv: readonly string[], opts: { hostname?: string; tty?: boolean }): string[] {
  const defaults = [DEFAULT_PATH_ENV, `HOSTNAME=${opts.hostname ?? ''}`];
  if (opts.tty) defaults.push('TERM=xterm');
  return replaceOrAppendEnv(defaults, configEnv);
}
