import { mkdtempSync, rmSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { EventsLog } from '../../../src/store/events/events-log.js';
import { queryEvents } from '../../../src/store/events/query.js';

const root = mkdtempSync(join(tmpdir(), 'berth-ev-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const ev = (action: string, id: string) => ({ Type: 'image' as const, Action: action, Actor: { ID: id, Attributes: { name: id } } });

it('returns stored events in range and filters them', async () => {
  const log = new EventsLog(root);
  const t0 = Date.now() / 1000;
  await log.append(ev('tag', 'a'));
  await log.append(ev('delete', 'b'));
  appendFileSync(log.path, '{"torn":'); // a crash mid-write leaves a partial line: it is skipped
  const all = [];
  for await (const e of queryEvents(log, { since: t0 - 1 })) all.push(e.Action);
  expect(all).toEqual(['tag', 'delete']);
  const filtered = [];
  for await (const e of queryEvents(log, { since: t0 - 1, filters: { event: ['delete'] } })) filtered.push(e.Actor.ID);
  expect(filtered).toEqual(['b']);
  await expect(async () => { for await (const _ of queryEvents(log, { filters: { bogus: ['x'] } })) void _; }).rejects.toThrow("invalid filter 'bogus'");
});

it('follows new events until aborted', async () => {
  const log = new EventsLog(mkdtempSync(join(tmpdir(), 'berth-ev2-')));
  const ac = new AbortController();
  const seen: string[] = [];
  const done = (async () => {
    for await (const e of queryEvents(log, { follow: true, signal: ac.signal, pollMs: 20 })) {
      seen.push(e.Action);
      if (seen.length === 2) ac.abort();
    }
  })();
  await new Promise((r) => setTimeout(r, 50));
  await log.append(ev('pull', 'x'));
  await log.append(ev('untag', 'x'));
  await done;
  expect(seen).toEqual(['pull', 'untag']);
});
