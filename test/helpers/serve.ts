/**
 * `berth serve` on a temp root's unix socket, and the stock docker CLI (v28) pointed at it. Used by
 * every API conformance suite: the same docker commands, answered by berth.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { BERTH, TARGET, baseEnv, collect, type RunResult } from './cli.js';
import { containerRoot, type ContainerRoot } from './containers.js';

export const DOCKER = '/usr/local/bin/docker';
/** berth-only suites: under TEST_TARGET=docker the docker CLI already talks to dockerd elsewhere. */
export const skipServe = TARGET === 'docker' || !existsSync(DOCKER);

export interface Served extends ContainerRoot {
  sock: string;
  server: ChildProcess;
  /** The docker CLI with DOCKER_HOST on the socket and its own DOCKER_CONFIG; 60 s cap. */
  docker(args: string[], input?: string | Buffer, env?: NodeJS.ProcessEnv): Promise<RunResult>;
  /** Stop the server (SIGTERM, waited for), then remove the containers and the root. */
  stop(): Promise<void>;
  stderr(): string;
}

export async function startServe(prefix = 'berth-serve-'): Promise<Served> {
  const ctx = await containerRoot(prefix);
  const sock = join(ctx.root, 'b.sock');
  const server = spawn(process.execPath, [BERTH, 'serve', '-H', `unix://${sock}`], { env: { ...baseEnv(), BERTH_ROOT: ctx.root } });
  let serverErr = '';
  server.stderr!.on('data', (d) => (serverErr += d));
  const end = Date.now() + 20_000;
  while (!serverErr.includes('API listening on')) {
    if (Date.now() > end || server.exitCode !== null) throw new Error(`berth serve did not start: ${serverErr}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const docker = (args: string[], input: string | Buffer = '', env: NodeJS.ProcessEnv = {}): Promise<RunResult> =>
    collect(DOCKER, args, { ...process.env, DOCKER_HOST: `unix://${sock}`, DOCKER_CONFIG: join(ctx.root, '.docker'), DOCKER_BUILDKIT: '0', ...env }, input);
  const stop = async (): Promise<void> => {
    if (server.exitCode === null && server.signalCode === null) {
      const exited = new Promise((r) => server.once('exit', r));
      server.kill('SIGTERM');
      await exited;
    }
    await ctx.cleanup();
  };
  return { ...ctx, sock, server, docker, stop, stderr: () => serverErr };
}
