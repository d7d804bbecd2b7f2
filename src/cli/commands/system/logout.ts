/** `logout [SERVER]`: erase stored credentials, as docker/cli does (Docker Hub when no server). */
import type { CommandDef } from '../../command.js';

export const logoutCommand: CommandDef = {
  path: ['logout'],
  usage: '[SERVER]',
  description: 'Log out from a registry',
  args: { max: 1 },
  complete: 'none',
  flags: [],
  async run(ctx) {
    const engine = await ctx.engine();
    const res = await engine.logout(ctx.args[0]);
    ctx.io.stdout.write(`Removing login credentials for ${res.server}\n`);
    if (res.failures.length) ctx.io.stderr.write(`WARNING: could not erase credentials:\n${res.failures.join('\n')}\n`);
    return 0;
  },
};
