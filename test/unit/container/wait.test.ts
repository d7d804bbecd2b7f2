/** waitContainer polls without piling abort listeners on the caller's signal (run --rm waits this way). */
import { getEventListeners } from 'node:events';
import { expect, it } from 'vitest';
import { waitContainer } from '../../../src/container/wait.js';
import { notFound } from '../../../src/lib/errors.js';
import { emptyState, type ContainerRecord } from '../../../src/container/record.js';
import type { ContainerDeps } from '../../../src/container/runtime-deps.js';

const rec = { Id: 'a'.repeat(64), Name: '/w', State: emptyState(), berth: { chain: [] } } as unknown as ContainerRecord;
const deps = { store: { records: { get: async () => rec }, resolve: async () => rec } } as unknown as ContainerDeps;

it('keeps at most one abort listener while it polls', async () => {
  const ac = new AbortController();
  const waiting = waitContainer(deps, 'w', 'removed', ac.signal).catch((e: Error) => e.message);
  await new Promise((r) => setTimeout(r, 1500)); // > 11 polls at the capped 200 ms
  expect(getEventListeners(ac.signal, 'abort').length).toBeLessThanOrEqual(1);
  ac.abort();
  expect(await waiting).toBe('wait canceled');
});

it('notices the removal of a stopped container within a short poll (run --rm waits this way)', async () => {
  const removeAt = Date.now() + 720; // by then the old back-off polled every 200 ms
  const gone = () => Date.now() >= removeAt;
  const missing = async () => { throw notFound('No such container: w'); };
  const d = { store: { records: { get: async () => (gone() ? undefined : rec) }, resolve: async () => (gone() ? missing() : rec) } } as unknown as ContainerDeps;
  await waitContainer(d, 'w', 'removed');
  expect(Date.now() - removeAt).toBeLessThan(100);
});
