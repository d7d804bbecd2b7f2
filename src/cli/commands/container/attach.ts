/** `attach`: connect the terminal to a running container; ctrl-p ctrl-q detaches and leaves it running. */
import type { CommandDef } from '../../command.js';
import { runSession } from '../../util/session.js';

export const attachCommand: CommandDef = {
  path: ['container', 'attach'], aliases: [['attach']], usage: '[OPTIONS] CONTAINER',
  description: "Attach local standard input, output, and error streams to a running container", args: { min: 1, max: 1 }, complete: 'container',
  flags: [
    { name: 'detach-keys', type: 'string', valueName: 'string', description: 'Override the key sequence for detaching a container' },
    { name: 'no-stdin', type: 'bool', description: 'Do not attach STDIN' },
    { name: 'sig-proxy', type: 'bool', default: true, description: 'Proxy all received signals to the process' },
  ],
  async run(ctx) {
    const engine = await ctx.engine();
    const info = await engine.inspectContainer(ctx.args[0]!);
    const tty = info.Config.Tty === true;
    const withStdin = ctx.flags['no-stdin'] !== true && info.Config.OpenStdin === true;
    return runSession(ctx, engine, {
      id: info.Id, tty, stdin: withStdin, sigProxy: ctx.flags['sig-proxy'] !== false,
      connect: (streams) => engine.attachContainer(info.Id, streams),
    });
  },
};
