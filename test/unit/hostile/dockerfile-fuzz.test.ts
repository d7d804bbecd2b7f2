/**
 * Seeded Dockerfile fuzzer: 1,000 mutations (10,000 with BERTH_LONG=1) of a corpus of valid
 * Dockerfiles through the parser and the stage/instruction resolution (no containers). Each case
 * must parse or fail with a one-line `Dockerfile:LINE:COL: ` INVALID_ARGUMENT: never a TypeError
 * or RangeError, never a hang, never a blow-up. The cases run in a worker thread so a case that
 * never returns is caught by a watchdog (synchronous code cannot be timed out in-thread).
 * Replay: BERTH_FUZZ_SEED=<seed> (printed), BERTH_FUZZ_CASE=<i> for one case.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORPUS } from './dockerfile-corpus.js';
import { verdict, type Verdict } from './dockerfile-check.js';
import { mutateCase } from './dockerfile-mutate.js';
import { fuzzSeed, longTests } from '../../helpers/prng.js';

const SEED = fuzzSeed(20261123);
const COUNT = longTests() ? 10_000 : 1_000;
const ONLY = process.env.BERTH_FUZZ_CASE === undefined ? undefined : Number(process.env.BERTH_FUZZ_CASE);
/**
 * A case taking this long is a blow-up. Generous: the worst bounded cases (an ARG chain doubling up
 * to the 1 MiB expansion limit) take 1–3 s on a loaded machine; the blow-ups found took minutes.
 */
const SLOW_MS = 10_000;
/** No heartbeat for this long: the case hangs. */
const HANG_MS = 20_000;

type Finding = { i: number; ms?: number } & Verdict;

const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
import(workerData.url).then((m) => {
  const bad = m.runCases(workerData.seed, workerData.from, workerData.to, (i) => parentPort.postMessage({ at: i }), workerData.slowMs);
  parentPort.postMessage({ bad });
});`;

let dir = '';
let bundle = '';

beforeAll(async () => {
  // The worker cannot load TypeScript: bundle the checker (and the parser it imports) once.
  dir = mkdtempSync(join(tmpdir(), 'berth-dfuzz-'));
  bundle = join(dir, 'check.mjs');
  await build({
    entryPoints: [new URL('./dockerfile-check.ts', import.meta.url).pathname],
    bundle: true, format: 'esm', platform: 'node', target: 'node20', outfile: bundle, logLevel: 'error',
  });
}, 60_000);

afterAll(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

/** Run [from, to) in a worker; on a hang, record the case and go on from the next one. */
async function runAll(from: number, to: number): Promise<Finding[]> {
  const found: Finding[] = [];
  let next = from;
  while (next < to) {
    const res = await new Promise<{ bad: Finding[] } | { hung: number }>((resolve, reject) => {
      const w = new Worker(WORKER, { eval: true, workerData: { url: pathToFileURL(bundle).href, seed: SEED, from: next, to, slowMs: SLOW_MS } });
      let at = next;
      let timer = setTimeout(() => onHang(), HANG_MS);
      const onHang = () => { void w.terminate(); resolve({ hung: at }); };
      w.on('message', (m: { at?: number; bad?: Finding[] }) => {
        if (m.bad) { clearTimeout(timer); void w.terminate(); resolve({ bad: m.bad }); return; }
        at = m.at!;
        clearTimeout(timer);
        timer = setTimeout(onHang, HANG_MS);
      });
      w.on('error', (err) => { clearTimeout(timer); reject(err); });
    });
    if ('bad' in res) { found.push(...res.bad); break; }
    found.push({ i: res.hung, ok: false, outcome: `hang (no result after ${HANG_MS} ms)` });
    next = res.hung + 1;
  }
  return found;
}

function describeFinding(f: Finding): string {
  const text = mutateCase(SEED, f.i);
  const shown = text.length > 400 ? `${JSON.stringify(text.slice(0, 400))}… (${text.length} chars)` : JSON.stringify(text);
  return `case ${f.i} [BERTH_FUZZ_SEED=${SEED} BERTH_FUZZ_CASE=${f.i}]: ${f.outcome}${f.message ? `\n  ${f.message}` : ''}\n  input: ${shown}`;
}

describe('Dockerfile fuzz', () => {
  it('starts from a corpus that parses and resolves cleanly', () => {
    for (const text of CORPUS) expect(verdict(text)).toEqual({ ok: true, outcome: 'parsed' });
  });

  it('mutations parse or fail with a located one-line error, in bounded time', async () => {
    const from = ONLY ?? 0;
    const to = ONLY === undefined ? COUNT : ONLY + 1;
    console.log(`dockerfile fuzz: seed ${SEED}, cases ${from}..${to - 1} (BERTH_FUZZ_SEED replays)`);
    const found = await runAll(from, to);
    if (found.length) console.log(found.slice(0, 30).map(describeFinding).join('\n'));
    expect(found.map((f) => `${f.i}: ${f.outcome}`)).toEqual([]);
  }, 600_000);
});
