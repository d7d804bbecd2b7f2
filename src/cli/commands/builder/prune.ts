/** `builder prune`: cached build-step images nothing needs (docker's prompt and report). */
import type { CommandDef } from '../../command.js';
import { humanSize } from '../../format/index.js';
import { createInterface } from 'node:readline';
import type { CommandIO } from '../../command.js';

const NORMAL = 'WARNING! This will remove all dangling build cache. Are you sure you want to continue?';
const ALL = 'WARNING! This will remove all build cache. Are you sure you want to continue?';

/** docker's prompt.Confirm: the question and " [y/N] " on one line; only y/Y confirms. */
async function confirm(io: CommandIO, question: string): Promise<boolean> {
  io.stdout.write(`${question} [y/N] `);
  const rl = createInterface({ input: io.stdin as NodeJS.ReadableStream, terminal: false });
  const answer = await new Promise<string>((res) => { rl.once('line', res); rl.once('close', () => res('')); });
  rl.close();
  return /^y$/i.test(answer.trim());
}

export const builderPrune: CommandDef = {
  path: ['builder', 'prune'],
  usage: '[OPTIONS]',
  description: 'Remove build cache',
  args: { max: 0 },
  flags: [
    { name: 'all', short: 'a', type: 'bool', description: 'Remove all unused build cache, not just dangling ones' },
    { name: 'force', short: 'f', type: 'bool', description: 'Do not prompt for confirmation' },
  ],
  async run(ctx) {
    const all = ctx.flags.all === true;
    if (!ctx.flags.force && !(await confirm(ctx.io, all ? ALL : NORMAL))) return 0;
    const engine = await ctx.engine();
    const res = await engine.pruneBuildCache({ all });
    if (res.CachesDeleted.length) ctx.io.stdout.write(`Deleted build cache objects:\n${res.CachesDeleted.map((id) => `${id}\n`).join('')}\n`);
    ctx.io.stdout.write(`Total reclaimed space: ${humanSize(res.SpaceReclaimed)}\n`);
    return 0;
  },
};
