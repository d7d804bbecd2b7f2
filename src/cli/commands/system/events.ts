/** `events`: past events with --since, then live ones until --until or ctrl-c; docker's line format. */
import type { CommandDef } from '../../command.js';
import type { EngineEvent } from '../../../engine/types.js';
import { compileTemplate, parseTimestamp } from '../../format/index.js';
import { parseFilters } from '../../util/filters.js';
import { asString } from '../../util/io.js';
import { markGoMaps } from '../../util/go-maps.js';

/** Go's "2006-01-02T15:04:05.000000000Z07:00" in UTC (berth reports times in UTC). */
function rfc3339NanoFixed(nano: number): string {
  const ms = Math.floor(nano / 1e6);
  const frac = String(Math.round(nano % 1e9)).padStart(9, '0');
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, `.${frac}Z`);
}

export function prettyEvent(e: EngineEvent): string {
  const attrs = Object.keys(e.Actor.Attributes).sort().map((k) => `${k}=${e.Actor.Attributes[k]}`);
  return `${rfc3339NanoFixed(e.timeNano)} ${e.Type} ${e.Action} ${e.Actor.ID}${attrs.length ? ` (${attrs.join(', ')})` : ''}\n`;
}

export const systemEvents: CommandDef = {
  path: ['system', 'events'],
  aliases: [['events']],
  usage: '[OPTIONS]',
  description: 'Get real time events from the server',
  args: { max: 0 },
  flags: [
    { name: 'filter', short: 'f', type: 'stringArray', valueName: 'filter', description: 'Filter output based on conditions provided' },
    { name: 'format', type: 'string', valueName: 'string', description: "Format output using a custom template:\n'json':             Print in JSON format\n'TEMPLATE':         Print output using the given Go template." },
    { name: 'since', type: 'string', valueName: 'string', description: 'Show all events created since timestamp' },
    { name: 'until', type: 'string', valueName: 'string', description: 'Stream events until this timestamp' },
  ],
  async run(ctx) {
    const now = Date.now();
    const since = asString(ctx.flags.since);
    const until = asString(ctx.flags.until);
    const format = asString(ctx.flags.format);
    const tpl = format ? compileTemplate(format === 'json' ? '{{json .}}' : format) : undefined;
    const engine = await ctx.engine();
    const events = engine.events({
      since: since ? parseTimestamp(since, now) : undefined, until: until ? parseTimestamp(until, now) : undefined,
      filters: parseFilters(ctx.flags.filter), follow: true, signal: ctx.signal,
    });
    for await (const e of events) ctx.io.stdout.write(tpl ? tpl.execute(markGoMaps(e)) + '\n' : prettyEvent(e));
    return 0;
  },
};
