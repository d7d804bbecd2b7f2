/** `volume rm`: each name printed once removed; refusals ("volume is in use - [id]") on stderr, exit 1. */
import type { CommandDef } from '../../command.js';
import { EngineError } from '../../../lib/errors.js';
import { formatEngineError } from '../../exit.js';

export const volumeRm: CommandDef = {
  path: ['volume', 'rm'],
  aliases: [['volume', 'remove']],
  usage: '[OPTIONS] VOLUME [VOLUME...]',
  description: 'Remove one or more volumes',
  args: { min: 1 },
  complete: 'volume',
  flags: [{ name: 'force', short: 'f', type: 'bool', description: 'Force the removal of one or more volumes' }],
  async run(ctx) {
    const engine = await ctx.engine();
    let failed = false;
    for (const name of ctx.args) {
      try {
        await engine.removeVolume(name, { force: ctx.flags.force === true });
        ctx.io.stdout.write(`${name}\n`);
      } catch (err) {
        if (!(err instanceof EngineError)) throw err;
        ctx.io.stderr.write(`${formatEngineError(err)}\n`);
        failed = true;
      }
    }
    return failed ? 1 : 0;
  },
};
