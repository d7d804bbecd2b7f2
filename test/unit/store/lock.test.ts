import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { afterAll, expect, it } from 'vitest';
import { withLock } from '../../../src/lib/lock.js';
import { isEngineError } from '../../../src/lib/errors.js';

const root = mkdtempSync(join(tmpdir(), 'berth-lock-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

it('serialises callers in one process', async () => {
  const path = join(root, 'a.lock');
  const log: string[] = [];
  const task = (n: string) => withLock(path, async () => {
    log.push(`${n}+`);
    await new Promise((r) => setTimeout(r, 20));
    log.push(`${n}-`);
  });
  await Promise.all([task('a'), task('b'), task('c')]);
  expect(log).toEqual(['a+', 'a-', 'b+', 'b-', 'c+', 'c-']);
});

it('is re-entrant within one call chain', async () => {
  const path = join(root, 'b.lock');
  const v = await withLock(path, () => withLock(path, async () => 42));
  expect(v).toBe(42);
});

it('excludes another process and is released when that process is killed', async () => {
  const path = join(root, 'c.lock');
  // another process takes the lock with flock(2) and reports when it holds it
  const py = 'import fcntl,sys,time; f=open(sys.argv[1],"a"); fcntl.flock(f, fcntl.LOCK_EX); print("held", flush=True); time.sleep(30)';
  const child = spawn('python3', ['-c', py, path], { stdio: ['ignore', 'pipe', 'ignore'] });
  await new Promise((r) => child.stdout!.once('data', r));
  await expect(withLock(path, async () => 1, { timeoutMs: 200 })).rejects.toSatisfy((e) => isEngineError(e, 'UNAVAILABLE'));
  child.kill('SIGKILL');
  await new Promise((r) => child.on('exit', r));
  expect(await withLock(path, async () => 2, { timeoutMs: 5_000 })).toBe(2);
});
