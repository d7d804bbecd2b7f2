/** `volume create`: docker's flags (-d local, -o driver options, --label); prints the name. */
import type { CommandDef } from '../../command.js';
import { CliError } from '../../exit.js';
import { asString, asStrings } from '../../util/io.js';

/** docker's MapOpts / ConvertKVStringsToMap: "k=v", a bare "k" maps to "". */
export function keyValueMap(items: string[]): Record<string, string> {
  return Object.fromEntries(items.map((l) => { const i = l.indexOf('='); return i < 0 ? [l, ''] : [l.slice(0, i), l.slice(i + 1)]; }));
}

export const volumeCreate: CommandDef = {
  path: ['volume', 'create'],
  usage: '[OPTIONS] [VOLUME]',
  description: 'Create a volume',
  args: { max: 1 },
  flags: [
    { name: 'driver', short: 'd', type: 'string', valueName: 'string', default: 'local', description: 'Specify volume driver name' },
    { name: 'label', type: 'stringArray', valueName: 'list', description: 'Set metadata for a volume' },
    { name: 'name', type: 'string', valueName: 'string', description: 'Specify volume name', hidden: true },
    { name: 'opt', short: 'o', type: 'stringArray', valueName: 'map', description: 'Set driver specific options (default map[])' },
  ],
  async run(ctx) {
    let name = asString(ctx.flags.name) ?? '';
    if (ctx.args[0] !== undefined) {
      if (name) throw new CliError('conflicting options: cannot specify a volume-name through both --name and as a positional arg', 1);
      name = ctx.args[0];
    }
    const engine = await ctx.engine();
    const v = await engine.createVolume({
      Name: name, Driver: asString(ctx.flags.driver) || 'local',
      DriverOpts: keyValueMap(asStrings(ctx.flags.opt)), Labels: keyValueMap(asStrings(ctx.flags.label)),
    });
    ctx.io.stdout.write(`${v.Name}\n`);
    return 0;
  },
};
