/**
 * `Runc.delete --force` of a container runc has no state for is a no-op in runc (it succeeds); the
 * adapter skips that spawn, which start, exit handling and rm hit on every container.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { Runc } from '../../../src/runtime/runc/runc.js';

let dir: string;
let log: string;
let runc: Runc;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'berth-runc-delete-'));
  log = join(dir, 'calls.log');
  const fake = join(dir, 'fake-runc');
  // records its argv, succeeds like runc's delete does
  writeFileSync(fake, `#!/bin/sh\necho "$*" >> '${log}'\n`);
  chmodSync(fake, 0o755);
  runc = new Runc({ binary: fake, root: join(dir, 'state') });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const calls = () => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : []);

it('does not spawn runc for a forced delete of a container without state', async () => {
  await runc.delete('c1', { force: true });
  expect(calls()).toEqual([]);
});

it('spawns runc when the state dir exists', async () => {
  mkdirSync(join(dir, 'state', 'c1'), { recursive: true });
  await runc.delete('c1', { force: true });
  expect(calls()).toEqual([`--root ${join(dir, 'state')} --log-format json delete --force c1`]);
});

it('still asks runc for a delete without force (its NOT_FOUND error is the answer)', async () => {
  await runc.delete('c1');
  expect(calls()).toEqual([`--root ${join(dir, 'state')} --log-format json delete c1`]);
});
