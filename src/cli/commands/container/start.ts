/** `start [-a] [-i]`: start stopped containers; with -a, stay attached and exit with its code. */
import type { CommandDef } from '../../command.js';
import { EngineError } from '../../../lib/errors.js';
import { CliError, formatEngineError } from '../../exit.js';
import { runSession } from '../../util/session.js';

export const startCommand: CommandDef = {
  path: ['container', 'start'], aliases: [['start']], usage: '[OPTIONS] CONTAINER [CONTAINER...]',
  description: 'Start one or more stopped containers', args: { min: 1 }, complete: 'container',
  flags: [
    { name: 'attach', short: 'a', type: 'bool', description: "Attach STDOUT/STDERR and forward signals" },
    { name: 'detach-keys', type: 'string', valueName: 'string', description: 'Override the key sequence for detaching a container' },
    { name: 'interactive', short: 'i', type: 'bool', description: "Attach container's STDIN" },
  ],
  async run(ctx) {
    const engine = await ctx.engine();
    const attach = ctx.flags.attach === true || ctx.flags.interactive === true;
    if (!attach) {
      let failed = false;
      for (const ref of ctx.args) {
        try { await engine.startContainer(ref); ctx.io.stdout.write(`${ref}\n`); } catch (err) {
          if (!(err instanceof EngineError)) throw err;
          ctx.io.stderr.write(`${formatEngineError(err)}\n`);
          failed = true;
        }
      }
      if (failed) throw new CliError('Error: failed to start containers: ' + ctx.args.join(', '), 1);
      return 0;
    }
    if (ctx.args.length > 1) throw new CliError('you cannot start and attach multiple containers at once', 1);
    const info = await engine.inspectContainer(ctx.args[0]!);
    const tty = info.Config.Tty === true;
    const stdin = ctx.flags.interactive === true && info.Config.OpenStdin === true;
    if (tty && stdin && !ctx.io.stdin.isTTY) throw new CliError('the input device is not a TTY', 1);
    return runSession(ctx, engine, {
      id: info.Id, tty, stdin, sigProxy: true,
      connect: async (streams) => (await engine.startContainer(info.Id, { attach: streams })).attach ?? engine.attachContainer(info.Id, streams),
    });
  },
};
