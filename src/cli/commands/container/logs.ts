/** `logs`: docker's output (stdout to stdout, stderr to stderr), -f, --tail, --since, --until, -t. */
import type { CommandDef } from '../../command.js';
import { parseTimestamp } from '../../format/index.js';
import { asString } from '../../util/io.js';
import { CliError } from '../../exit.js';

export const logsCommand: CommandDef = {
  path: ['container', 'logs'], aliases: [['logs']], usage: '[OPTIONS] CONTAINER',
  description: 'Fetch the logs of a container', args: { min: 1, max: 1 }, complete: 'container',
  flags: [
    { name: 'details', type: 'bool', description: 'Show extra details provided to logs' },
    { name: 'follow', short: 'f', type: 'bool', description: 'Follow log output' },
    { name: 'since', type: 'string', valueName: 'string', description: 'Show logs since timestamp (e.g. "2013-01-02T13:23:37Z") or relative (e.g. "42m" for 42 minutes)' },
    { name: 'tail', short: 'n', type: 'string', valueName: 'string', default: 'all', description: 'Number of lines to show from the end of the logs' },
    { name: 'timestamps', short: 't', type: 'bool', description: 'Show timestamps' },
    { name: 'until', type: 'string', valueName: 'string', description: 'Show logs before a timestamp (e.g. "2013-01-02T13:23:37Z") or relative (e.g. "42m" for 42 minutes)' },
  ],
  async run(ctx) {
    const now = Date.now();
    const tailText = asString(ctx.flags.tail) ?? 'all';
    const tail = tailText === 'all' || tailText === '' ? undefined : Number(tailText);
    if (tail !== undefined && !Number.isInteger(tail)) throw new CliError(`invalid value for "tail": ${tailText}`, 1);
    const since = asString(ctx.flags.since);
    const until = asString(ctx.flags.until);
    const engine = await ctx.engine();
    const lines = engine.containerLogs(ctx.args[0]!, {
      follow: ctx.flags.follow === true, tail: tail !== undefined && tail < 0 ? undefined : tail,
      since: since ? parseTimestamp(since, now) : undefined, until: until ? parseTimestamp(until, now) : undefined, signal: ctx.signal,
    });
    const ts = ctx.flags.timestamps === true;
    for await (const l of lines) {
      const out = l.stream === 'stderr' ? ctx.io.stderr : ctx.io.stdout;
      if (ts) out.write(`${l.time} `);
      out.write(l.line);
    }
    return 0;
  },
};
