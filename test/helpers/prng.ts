/**
 * A small seeded PRNG (mulberry32) for the hostile-input suites, so every failure replays from
 * its printed seed. No dependency: the suites must not pull in a property-testing package.
 */
export interface Rng {
  /** [0, 1) */
  next(): number;
  /** an integer in [0, n) */
  int(n: number): number;
  pick<T>(xs: readonly T[]): T;
  chance(p: number): boolean;
}

export function rng(seed: number): Rng {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return { next, int, pick: (xs) => xs[int(xs.length)]!, chance: (p) => next() < p };
}

/** One case's own seed, so a single case replays without running the ones before it. */
export const caseSeed = (seed: number, i: number): number => (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) + Math.imul(i + 1, 0xc2b2ae35)) >>> 0;

/** BERTH_FUZZ_SEED or a fixed default (so CI is deterministic). */
export const fuzzSeed = (fallback: number): number => {
  const s = process.env.BERTH_FUZZ_SEED;
  return s && /^\d+$/.test(s) ? Number(s) >>> 0 : fallback;
};

export const longTests = (): boolean => ['BERTH_LONG', 'BERTH_LONG_TESTS'].some((k) => !!process.env[k] && process.env[k] !== '0');
