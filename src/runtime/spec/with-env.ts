/**
 * process.env from the container's Config.Env (use mergeEnv(image.Env, -e) to build it).
 * HOSTNAME and TERM come from `opts`, falling back to the spec's hostname and terminal, so
 * apply withHostname/withTty first or pass them explicitly.
 */
import { containerEnv } from './env.js';
import type { SpecOpt } from './types.js';
import { ensureProcess } from './process.js';

export function withEnv(env: readonly string[], opts: { hostname?: string; tty?: boolean } = {}): SpecOpt {
  return (s) => {
    const p = ensureProcess(s);
    p.env = containerEnv(env, { hostname: opts.hostname ?? s.hostname, tty: opts.tty ?? p.terminal ?? false });
  };
}
