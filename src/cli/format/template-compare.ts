/** Go's eq/ne/lt/le/gt/ge: basic kinds only, no cross-kind comparisons (except with nil for eq). */
import { funcError } from './template-errors.js';
import { goTypeName } from './go-value.js';

type Kind = 'nil' | 'bool' | 'number' | 'string' | 'other';

function kind(v: unknown): Kind {
  if (v === undefined || v === null) return 'nil';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number' || typeof v === 'bigint') return 'number';
  if (typeof v === 'string') return 'string';
  return 'other';
}

export function eq(a: unknown, others: unknown[]): boolean {
  if (others.length === 0) throw funcError('missing argument for comparison');
  const ka = kind(a);
  for (const b of others) {
    const kb = kind(b);
    if (ka === 'nil' || kb === 'nil') {
      if (ka === kb) return true;
      continue;
    }
    if (ka !== kb) throw funcError('incompatible types for comparison');
    if (ka === 'other') throw funcError(`non-comparable type ${goTypeName(a)}`);
    if (a == b) return true; // loose: a number and a bigint compare by value, like Go int kinds
  }
  return false;
}

/** Returns <0, 0, >0; errors on nil, bools, composites and mixed kinds, as Go does. */
export function compare(a: unknown, b: unknown): number {
  const [ka, kb] = [kind(a), kind(b)];
  if (ka !== kb) throw funcError(`incompatible types for comparison`);
  if (ka !== 'number' && ka !== 'string') throw funcError(`invalid type for comparison`);
  return (a as number | string) < (b as number | string) ? -1 : (a as number | string) > (b as number | string) ? 1 : 0;
}
