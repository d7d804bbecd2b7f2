/**
 * `serve`: the Docker Engine API on a unix socket, in the foreground (systemd-friendly) until
 * SIGINT/SIGTERM. Stopping it never stops containers: they run under conmon, not under us.
 */
import type { CommandDef } from '../../command.js';
import { CliError } from '../../exit.js';

export const serveCommand: CommandDef = {
  path: ['serve'],
  aliases: [['system', 'serve']],
  usage: '[OPTIONS]',
  description: 'Serve the Docker Engine API on a unix socket (foreground)',
  args: { max: 0 },
  // a DOCKER_HOST in the environment (even one pointing at this very socket) must not turn the
  // server into a client of itself
  localEngine: true,
  flags: [
    { name: 'host', short: 'H', type: 'string', valueName: 'string', default: 'unix:///run/berth.sock', description: 'Socket to listen on (unix:///path.sock)' },
    { name: 'debug-requests', type: 'bool', description: 'Log every request to stderr' },
  ],
  async run(ctx) {
    if (!ctx.openServer) throw new CliError('the API server is not available from this entry point', 1);
    const host = (ctx.flags.host as string | undefined) || 'unix:///run/berth.sock';
    // TCP without TLS client certificates would hand root on this host to anyone who can connect.
    if (!host.startsWith('unix://')) {
      throw new CliError(`refusing to listen on ${host}: a TCP listener needs TLS with client certificates, which berth serve does not support yet; use -H unix:///path.sock`, 1);
    }
    const engine = await ctx.engine();
    const log = ctx.flags['debug-requests'] === true ? (l: string) => ctx.io.stderr.write(`${l}\n`) : undefined;
    const server = await ctx.openServer(engine, { host, log });
    ctx.io.stderr.write(`API listening on ${server.socketPath}\n`);
    // One request's stray stream rejection must not take every client's server down (dockerd
    // recovers per request too); it is logged so tests and operators see it.
    const stray = (err: unknown) => ctx.io.stderr.write(`berth serve: unhandled error (server continues): ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
    process.on('unhandledRejection', stray);
    await new Promise<void>((res) => {
      if (ctx.signal.aborted) res();
      else ctx.signal.addEventListener('abort', () => res(), { once: true });
    });
    process.off('unhandledRejection', stray);
    await server.close();
    return 0;
  },
};
