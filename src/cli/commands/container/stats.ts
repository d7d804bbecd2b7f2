/**
 * `stats [CONTAINER...]`: docker's live table, redrawn every 500 ms in place (cursor home, each
 * line followed by erase-to-end-of-line, then erase below), or one table with --no-stream.
 * Without names it follows container events: started containers join, dead (or, with -a,
 * destroyed) ones leave; with -a, created ones join too.
 */
import { setMaxListeners } from 'node:events';
import type { CommandDef } from '../../command.js';
import { EngineError } from '../../../lib/errors.js';
import { formatList } from '../../format/index.js';
import { formatEngineError } from '../../exit.js';
import { asString } from '../../util/io.js';
import { FORMAT_FLAG } from '../../util/common-flags.js';
import { DEFAULT_STATS_FORMAT, STATS_HEADERS, statsRow, type StatsEntry } from './stats-entry.js';
import { StatsCollectors } from './stats-collect.js';
import type { Engine } from '../../../engine/engine.js';

export function renderStats(entries: StatsEntry[], format: string | undefined, trunc: boolean): string {
  return formatList(entries.map((e) => statsRow(e, trunc)), { format, defaultTable: DEFAULT_STATS_FORMAT, headers: STATS_HEADERS });
}

/** One redraw: home, every line (the empty one after the last newline too) cleared to its end, rest of screen cleared. */
export function frame(text: string): string {
  return `\x1b[H${text.split('\n').map((l) => `${l}\x1b[K\n`).join('')}\x1b[J`;
}

/** Follow container events so the table tracks containers as they start, die and go (docker's eventHandler). */
function followEvents(engine: Engine, c: StatsCollectors, all: boolean, stop: AbortSignal): void {
  // the events follower adds an abort listener per poll and never removes it: give it its own
  // signal without the listener limit so a long-running table does not warn
  const own = new AbortController();
  setMaxListeners(0, own.signal);
  stop.addEventListener('abort', () => own.abort(), { once: true });
  const signal = own.signal;
  void (async () => {
    try {
      for await (const e of engine.events({ follow: true, signal, filters: { type: ['container'] } })) {
        if (e.Action === 'start' || (all && e.Action === 'create')) c.add(e.Actor.ID);
        else if (e.Action === 'destroy' || (!all && e.Action === 'die')) c.remove(e.Actor.ID);
      }
    } catch { /* the table keeps what it has */ }
  })();
}

const tick = (ms: number, signal: AbortSignal) => new Promise<void>((r) => {
  const done = () => { clearTimeout(t); signal.removeEventListener('abort', done); r(); };
  const t = setTimeout(done, ms);
  signal.addEventListener('abort', done, { once: true });
});

export const statsCommand: CommandDef = {
  path: ['container', 'stats'], aliases: [['stats']], usage: '[OPTIONS] [CONTAINER...]',
  description: 'Display a live stream of container(s) resource usage statistics', complete: 'container',
  flags: [
    { name: 'all', short: 'a', type: 'bool', description: 'Show all containers (default shows just running)' },
    FORMAT_FLAG,
    { name: 'no-stream', type: 'bool', description: 'Disable streaming stats and only pull the first result' },
    { name: 'no-trunc', type: 'bool', description: 'Do not truncate output' },
  ],
  async run(ctx) {
    const engine = await ctx.engine();
    const stream = ctx.flags['no-stream'] !== true;
    const all = ctx.flags.all === true;
    const format = asString(ctx.flags.format);
    const trunc = ctx.flags['no-trunc'] !== true;
    const stop = new AbortController();
    ctx.signal.addEventListener('abort', () => stop.abort(), { once: true });
    const c = new StatsCollectors(engine, stream, stop.signal);
    const showAll = ctx.args.length === 0;
    try {
      if (showAll) {
        if (stream) followEvents(engine, c, all, stop.signal);
        for (const s of await engine.listContainers({ all })) c.add(s.Id);
        await c.waitFirst();
      } else {
        for (const ref of ctx.args) c.add(ref);
        await c.waitFirst();
        const errs = c.errors();
        if (errs.length) {
          for (const e of errs) {
            if (!(e instanceof EngineError)) throw e;
            ctx.io.stderr.write(`${formatEngineError(e)}\n`);
          }
          return 1;
        }
      }
      if (!stream) {
        ctx.io.stdout.write(renderStats(c.entries(), format, trunc));
        return 0;
      }
      while (!ctx.signal.aborted) {
        await tick(500, ctx.signal);
        if (ctx.signal.aborted) break;
        if (c.size === 0 && !showAll) {
          ctx.io.stdout.write('\x1b[H\x1b[J');
          return 0;
        }
        ctx.io.stdout.write(frame(renderStats(c.entries(), format, trunc)));
      }
      throw new EngineError('CANCELED', 'stats canceled');
    } finally {
      stop.abort();
      c.close();
    }
  },
};
