/** `top CONTAINER [ps OPTIONS]`: the engine's ps table, laid out by docker's tabwriter (minwidth 20, padding 3). */
import type { CommandDef } from '../../command.js';
import { tabwrite } from '../../format/index.js';

export function topTable(res: { Titles: string[]; Processes: string[][] }): string {
  return tabwrite([res.Titles, ...res.Processes].map((r) => r.join('\t') + '\n').join(''), { minWidth: 20, padding: 3 });
}

export const topCommand: CommandDef = {
  path: ['container', 'top'], aliases: [['top']], usage: 'CONTAINER [ps OPTIONS]',
  description: 'Display the running processes of a container', args: { min: 1 }, complete: 'container', flags: [],
  // everything after the container belongs to ps (`top web -o pid,comm`), as docker's SetInterspersed(false)
  stopAtFirstArg: true,
  async run(ctx) {
    const res = await (await ctx.engine()).containerTop(ctx.args[0]!, ctx.args.slice(1).join(' '));
    ctx.io.stdout.write(topTable(res));
    return 0;
  },
};
