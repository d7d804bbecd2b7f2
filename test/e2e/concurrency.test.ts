/**
 * Concurrency suite: 8 CLIs run seeded mixes of create, start, rm, tag, rmi, volume create/rm on
 * one state root while `berth serve` answers the docker CLI on it. Each worker owns its objects, so
 * its expected end state is exact; a few names are contended by every worker (at most one create
 * may win each). Afterwards: no lost or duplicated records, no name collisions, every call
 * returned within its bound (no deadlock), and `system check` is clean.
 * BERTH_LONG_TESTS=1: 8 × 50 operations (default 8 × 10); replay with BERTH_SEED.
 */
import { rng as seededRng } from '../helpers/prng.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TARGET, berth, ok, type RunResult } from '../helpers/cli.js';
import { skipServe, startServe, type Served } from '../helpers/serve.js';

const LONG = process.env.BERTH_LONG_TESTS === '1' || process.env.BERTH_LONG === '1';
const WORKERS = 8;
const OPS = LONG ? 50 : 10;
const SEED = Number(process.env.BERTH_SEED ?? 20261123);
const CALL_BOUND_MS = 150_000;

/** A seeded PRNG (test/helpers/prng.ts) as a () => [0,1) function. */
const rng = (seed: number) => seededRng(seed).next;

interface Expect { containers: Set<string>; tags: Set<string>; volumes: Set<string> }

let served: Served;
const failures: string[] = [];
const sharedWins = new Map<string, number>();

function record(what: string, r: RunResult): boolean {
  // a call killed by its bound exits 128 with no output: that is a hang, reported as such
  if (r.code !== 0) failures.push(`${what} → ${r.code}: ${r.stderr.trim() || '(killed at its time bound: a hang?)'}`);
  return r.code === 0;
}

async function worker(k: number, exp: Expect): Promise<void> {
  const rand = rng(SEED + k);
  const pick = <T>(s: Set<T>): T | undefined => [...s][Math.floor(rand() * s.size)];
  const run = (args: string[]) => berth(served.root, args, { timeoutMs: CALL_BOUND_MS });
  for (let i = 0; i < OPS; i++) {
    const roll = rand();
    const c = pick(exp.containers);
    const tag = pick(exp.tags);
    const vol = pick(exp.volumes);
    if (roll < 0.2) {
      const name = `w${k}-c${i}`;
      if (record(`w${k} create ${name}`, await run(['create', '--name', name, '--network', 'none', 'busybox', 'true']))) exp.containers.add(name);
    } else if (roll < 0.3 && c) {
      record(`w${k} start ${c}`, await run(['start', c]));
    } else if (roll < 0.42 && c) {
      if (record(`w${k} rm ${c}`, await run(['rm', '-f', c]))) exp.containers.delete(c);
    } else if (roll < 0.56) {
      const t = `w${k}/img:${i}`;
      if (record(`w${k} tag ${t}`, await run(['tag', 'busybox', t]))) exp.tags.add(t);
    } else if (roll < 0.66 && tag) {
      if (record(`w${k} rmi ${tag}`, await run(['rmi', tag]))) exp.tags.delete(tag);
    } else if (roll < 0.8) {
      const v = `w${k}-v${i}`;
      if (record(`w${k} volume create ${v}`, await run(['volume', 'create', v]))) exp.volumes.add(v);
    } else if (roll < 0.9 && vol) {
      if (record(`w${k} volume rm ${vol}`, await run(['volume', 'rm', vol]))) exp.volumes.delete(vol);
    } else {
      // contended: every worker tries the same few names; docker's conflict is the only allowed failure
      const name = `shared-${Math.floor(rand() * 3)}`;
      const r = await run(['create', '--name', name, '--network', 'none', 'busybox', 'true']);
      if (r.code === 0) sharedWins.set(name, (sharedWins.get(name) ?? 0) + 1);
      else if (!r.stderr.includes('is already in use')) record(`w${k} create ${name}`, r);
    }
  }
}

/** The docker CLI through `berth serve`, reading and writing while the workers run. */
async function apiClient(done: () => boolean, created: Set<string>): Promise<number> {
  let calls = 0;
  for (let i = 0; !done(); i++) {
    const reads = await Promise.all([served.docker(['ps', '-a']), served.docker(['images']), served.docker(['volume', 'ls'])]);
    reads.forEach((r, j) => record(`api read ${j}`, r));
    const name = `api-${i}`;
    if (record(`api create ${name}`, await served.docker(['create', '--name', name, 'busybox', 'true']))) created.add(name);
    if (i % 2 === 1 && record(`api rm ${name}`, await served.docker(['rm', name]))) created.delete(name);
    calls += 5;
  }
  return calls;
}

const lines = (s: string) => s.split('\n').filter(Boolean);

describe.skipIf(TARGET !== 'berth' || skipServe)(`concurrency: ${WORKERS} CLIs × ${OPS} operations and the API server`, () => {
  beforeAll(async () => { served = await startServe('berth-conc-'); });
  afterAll(async () => { await served?.stop(); }, 300_000);

  it('loses nothing, duplicates nothing, never hangs, and leaves a clean store', async () => {
    const exps: Expect[] = Array.from({ length: WORKERS }, () => ({ containers: new Set(), tags: new Set(), volumes: new Set() }));
    const apiCreated = new Set<string>();
    let finished = false;
    const api = apiClient(() => finished, apiCreated);
    await Promise.all(exps.map((e, k) => worker(k, e)));
    finished = true;
    expect(await api).toBeGreaterThan(0);
    expect(failures, `seed ${SEED}`).toEqual([]);

    const names = lines(await ok(served.root, ['ps', '-a', '--format', '{{.Names}}']));
    expect(new Set(names).size, 'duplicated container names').toBe(names.length);
    for (const [name, wins] of sharedWins) expect(wins, `${name} created ${wins} times`).toBe(1);
    const expected = [...exps.flatMap((e) => [...e.containers]), ...sharedWins.keys(), ...apiCreated].sort();
    expect(names.sort()).toEqual(expected);
    const ids = lines(await ok(served.root, ['ps', '-aq', '--no-trunc']));
    expect(new Set(ids).size).toBe(ids.length);

    const tags = lines(await ok(served.root, ['images', '--format', '{{.Repository}}:{{.Tag}}']));
    expect(tags.sort()).toEqual(['busybox:latest', ...exps.flatMap((e) => [...e.tags])].sort());
    const vols = lines(await ok(served.root, ['volume', 'ls', '-q']));
    expect(vols.sort()).toEqual(exps.flatMap((e) => [...e.volumes]).sort());

    const check = await berth(served.root, ['system', 'check']);
    expect(check.code, check.stdout + check.stderr).toBe(0);
  }, LONG ? 3_600_000 : 600_000);
});
