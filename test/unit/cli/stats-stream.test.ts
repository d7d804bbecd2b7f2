/** `stats` streaming against a fake engine: event-driven membership, redraw frames, staleness, errors. */
import { describe, expect, it } from 'vitest';
import type { Engine } from '../../../src/engine/engine.js';
import type { ContainerStatsJSON, ContainerSummary, EngineEvent } from '../../../src/engine/types.js';
import { runCli } from '../../../src/cli/run-cli.js';
import { statsCommand } from '../../../src/cli/commands/container/stats.js';
import { StatsCollectors } from '../../../src/cli/commands/container/stats-collect.js';
import { emptyStats } from '../../../src/container/stats.js';
import { notFound } from '../../../src/lib/errors.js';
import { fakeIO } from './fixtures.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const hex = (c: string) => c.repeat(64);

function sample(id: string, name: string): ContainerStatsJSON {
  return { ...emptyStats({ Id: id, Name: `/${name}` }), read: new Date().toISOString(), memory_stats: { usage: 1024, limit: 2048, stats: {} }, pids_stats: { current: 1 } };
}

/** A fake engine: `running` containers stream samples every 50 ms; events are pushed by the test. */
function fakeEngine(running: Record<string, string>) {
  const waiting: ((e: EngineEvent) => void)[] = [];
  const queue: EngineEvent[] = [];
  const engine = {
    close: async () => undefined,
    listContainers: async () => Object.entries(running).map(([id, name]) => ({ Id: id, Names: [`/${name}`] }) as ContainerSummary),
    async *containerStats(ref: string, opts: { stream?: boolean; signal?: AbortSignal }) {
      const id = Object.keys(running).find((k) => k === ref || running[k] === ref);
      if (!id) throw notFound(`No such container: ${ref}`);
      while (!opts.signal?.aborted) {
        yield sample(id, running[id]!);
        if (!opts.stream) return;
        await sleep(50);
      }
    },
    async *events(opts: { signal?: AbortSignal }) {
      while (!opts.signal?.aborted) {
        const e = queue.shift() ?? await new Promise<EngineEvent>((r) => waiting.push(r));
        yield e;
      }
    },
  } as unknown as Engine;
  const emit = (Action: string, id: string) => {
    const e = { Type: 'container', Action, Actor: { ID: id, Attributes: {} }, time: 0, timeNano: 0 } as unknown as EngineEvent;
    const w = waiting.shift();
    if (w) w(e); else queue.push(e);
  };
  return { engine, emit };
}

async function run(engine: Engine, argv: string[], stopAfterMs?: number) {
  const io = fakeIO();
  const ac = new AbortController();
  if (stopAfterMs !== undefined) setTimeout(() => ac.abort(), stopAfterMs);
  const code = await runCli(argv, { io, createEngine: async () => engine, table: [statsCommand], signal: ac.signal, receivedSignal: () => 'SIGINT' });
  return { code, out: io.out(), err: io.err() };
}

describe('stats streaming', () => {
  it('redraws in place every 500 ms and exits 130 on interrupt', async () => {
    const { engine } = fakeEngine({ [hex('a')]: 'web' });
    const r = await run(engine, ['stats', '--format', '{{.Name}} {{.PIDs}}'], 1300);
    expect(r.code).toBe(130);
    const frame = '\x1b[Hweb 1\x1b[K\n\x1b[K\n\x1b[J';
    expect(r.out.length).toBeGreaterThanOrEqual(frame.length);
    expect(r.out).toBe(frame.repeat(r.out.length / frame.length));
  });

  it('follows start and die events when no container is named', async () => {
    const fake = fakeEngine({ [hex('a')]: 'web' });
    const running = { [hex('a')]: 'web', [hex('b')]: 'db' };
    Object.assign(fake.engine, { containerStats: fakeEngine(running).engine.containerStats });
    const done = run(fake.engine, ['stats', '--format', '{{.Name}}'], 2400);
    await sleep(700);
    fake.emit('start', hex('b'));
    await sleep(700);
    fake.emit('die', hex('a'));
    const frames = (await done).out.split('\x1b[H').filter(Boolean).map((f) => f.replace(/\x1b\[[KJ]/g, '').trim());
    expect(frames[0]).toBe('web');
    expect(frames).toContain('web\ndb');
    expect(frames.at(-1)).toBe('db');
  });

  it('a named missing container fails before anything is drawn', async () => {
    const { engine } = fakeEngine({ [hex('a')]: 'web' });
    const r = await run(engine, ['stats', 'web', 'nosuch']);
    expect(r).toEqual({ code: 1, out: '', err: 'Error response from daemon: No such container: nosuch\n' });
  });

  it('a container silent for two seconds shows "--"', async () => {
    const { engine } = fakeEngine({ [hex('a')]: 'web' });
    const c = new StatsCollectors(engine, true, new AbortController().signal);
    c.add('web');
    await c.waitFirst();
    expect(c.entries()[0]!.IsInvalid).toBe(false);
    expect(c.entries(Date.now() + 2500)[0]).toMatchObject({ IsInvalid: true, Name: '/web', Container: 'web' });
    c.close();
  });
});
