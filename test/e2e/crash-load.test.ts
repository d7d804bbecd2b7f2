/**
 * kill -9 of `berth load` at seeded random moments: no partial image ever becomes visible, every
 * blob still hashes to its name, and a later load succeeds. BERTH_LONG=1 runs more iterations.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { BERTH, makeRoot, ok } from '../helpers/cli.js';
import { assertBlobsValid } from '../helpers/store.js';

const ITERATIONS = process.env.BERTH_LONG ? 50 : 6;
let src: ReturnType<typeof makeRoot>;
let tarPath: string;
let imageId: string;

// mulberry32: a tiny seeded PRNG so a failing iteration can be replayed
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

beforeAll(async () => {
  src = makeRoot('berth-crash-src-');
  imageId = (await ok(src.root, ['image', 'demo', '-q'])).trim();
  tarPath = join(src.root, 'busybox.tar');
  await ok(src.root, ['save', '-o', tarPath, 'busybox']);
});
afterAll(() => src.cleanup());

function loadAndKill(root: string, delayMs: number): Promise<void> {
  return new Promise((res) => {
    const child = spawn(process.execPath, [BERTH, 'load', '-i', tarPath], { env: { ...process.env, BERTH_ROOT: root }, stdio: 'ignore' });
    const t = setTimeout(() => child.kill('SIGKILL'), delayMs);
    child.on('exit', () => { clearTimeout(t); res(); });
  });
}

it(`survives kill -9 of load at ${ITERATIONS} random moments`, async () => {
  const seed = Number(process.env.BERTH_SEED ?? 20261123);
  const rand = rng(seed);
  const { root, cleanup } = makeRoot('berth-crash-');
  try {
    for (let i = 0; i < ITERATIONS; i++) {
      const delay = Math.floor(rand() * 400);
      await loadAndKill(root, delay);
      // whatever the moment, an image is either fully there (inspectable, its history readable) or absent
      const ids = (await ok(root, ['images', '-aq', '--no-trunc'])).split('\n').filter(Boolean);
      for (const id of ids) {
        expect(id, `seed ${seed} iteration ${i} delay ${delay}ms`).toBe(imageId);
        await ok(root, ['history', id]);
      }
      await assertBlobsValid(root);
      if (ids.length) await ok(root, ['rmi', '-f', imageId]);
    }
    expect(await ok(root, ['load', '-i', tarPath])).toBe('Loaded image: busybox:latest\n');
    expect(JSON.parse(await ok(root, ['image', 'inspect', 'busybox']))[0].Id).toBe(imageId);
    await assertBlobsValid(root);
  } finally {
    cleanup();
  }
});
